import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { memberKeys } from "./keys";

export type SuspendMemberInput = { orgId: string; userId: string; reason: string };

/** Suspends an active member: they lose access until reactivated. */
export async function suspendMember({ orgId, userId, reason }: SuspendMemberInput) {
  const { data, error } = await supabase.rpc("suspend_member", {
    p_org_id: orgId,
    p_user_id: userId,
    p_reason: reason,
  });
  if (error) throw error;
  return data;
}

// Refused or not, the list is refreshed: a refusal often means it was out of date.
export function useSuspendMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: suspendMember,
    onSettled: (_data, _error, { orgId }) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.org(orgId) }),
  });
}
