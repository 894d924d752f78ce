import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { memberKeys } from "./keys";

export type RemoveMemberInput = { orgId: string; userId: string; reason: string };

/** Removes a member (active or suspended). The row stays as history; they can be invited again. */
export async function removeMember({ orgId, userId, reason }: RemoveMemberInput) {
  const { data, error } = await supabase.rpc("remove_member", {
    p_org_id: orgId,
    p_user_id: userId,
    p_reason: reason,
  });
  if (error) throw error;
  return data;
}

// Refused or not, the list is refreshed: a refusal often means it was out of date.
export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSettled: (_data, _error, { orgId }) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.org(orgId) }),
  });
}
