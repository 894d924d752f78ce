import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { memberKeys } from "./keys";

export type ReactivateMemberInput = { orgId: string; userId: string; reason: string };

/** Gives a suspended member their access back. */
export async function reactivateMember({ orgId, userId, reason }: ReactivateMemberInput) {
  const { data, error } = await supabase.rpc("reactivate_member", {
    p_org_id: orgId,
    p_user_id: userId,
    p_reason: reason,
  });
  if (error) throw error;
  return data;
}

// Refused or not, the list is refreshed: a refusal often means it was out of date.
export function useReactivateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reactivateMember,
    onSettled: (_data, _error, { orgId }) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.org(orgId) }),
  });
}
