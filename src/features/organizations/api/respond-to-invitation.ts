import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { organizationKeys } from "./keys";

export type InvitationAnswer = { invitationId: string; accept: boolean };

/** Accepts or declines an invitation listed in the app, by id (same rules as the emailed link). */
export async function respondToInvitation({ invitationId, accept }: InvitationAnswer) {
  const { error } = accept
    ? await supabase.rpc("accept_invitation_by_id", { p_invitation_id: invitationId })
    : await supabase.rpc("decline_invitation_by_id", { p_invitation_id: invitationId });
  if (error) throw error;
}

// Either answer can change the user's organizations (a new one, or a personal one after
// declining the only invitation).
export function useRespondToInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: respondToInvitation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}
