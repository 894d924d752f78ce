import { queryOptions, useQuery } from "@tanstack/react-query";
import type { OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { accessKeys } from "./keys";
import { liveQueryOptions } from "./live";

/** The permission keys `role` holds in the organization's live matrix (`role_permissions`). */
export async function getRolePermissions(orgId: string, role: OrgRole): Promise<Set<string>> {
  const { data, error } = await supabase
    .from("role_permissions")
    .select("permission")
    .eq("org_id", orgId)
    .eq("role", role);
  if (error) throw error;
  return new Set(data.map((row) => row.permission));
}

export function getRolePermissionsQueryOptions(orgId: string, role: OrgRole) {
  return queryOptions({
    queryKey: accessKeys.permissions(orgId, role),
    queryFn: () => getRolePermissions(orgId, role),
  });
}

export function useRolePermissions(orgId: string | undefined, role: OrgRole | undefined) {
  return useQuery({
    ...getRolePermissionsQueryOptions(orgId ?? "", role ?? "viewer"),
    ...liveQueryOptions,
    enabled: Boolean(orgId && role),
  });
}
