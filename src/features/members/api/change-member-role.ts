import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { memberKeys } from "./keys";

export type ChangeMemberRoleInput = {
  orgId: string;
  userId: string;
  role: OrgRole;
  reason: string;
};

export async function changeMemberRole({ orgId, userId, role, reason }: ChangeMemberRoleInput) {
  const { data, error } = await supabase.rpc("change_member_role", {
    p_org_id: orgId,
    p_user_id: userId,
    p_role: role,
    p_reason: reason,
  });
  if (error) throw error;
  return data;
}

// Refused or not, the list is refreshed: a refusal often means it was out of date.
export function useChangeMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeMemberRole,
    onSettled: (_data, _error, { orgId }) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.org(orgId) }),
  });
}
