import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { roleKeys } from "./keys";

export type SetRolePermissionsInput = {
  orgId: string;
  role: OrgRole;
  permissions: string[];
};

/** Replaces the role's whole permission set: one call, one `permissions.updated` audit event. */
export async function setRolePermissions({ orgId, role, permissions }: SetRolePermissionsInput) {
  const { data, error } = await supabase.rpc("set_role_permissions", {
    p_org_id: orgId,
    p_role: role,
    p_permissions: permissions,
  });
  if (error) throw error;
  return data;
}

// Refused or not, the matrix is read again: a refusal often means it was out of date.
export function useSetRolePermissions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setRolePermissions,
    onSettled: (_data, _error, { orgId }) =>
      queryClient.invalidateQueries({ queryKey: roleKeys.matrix(orgId) }),
  });
}
