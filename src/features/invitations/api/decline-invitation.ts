import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export async function declineInvitation(token: string) {
  const { error } = await supabase.rpc("decline_invitation", { p_token: token });
  if (error) throw error;
}

// Declining can give someone with no organization a personal one: refresh what we know of them.
export function useDeclineInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: declineInvitation,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
