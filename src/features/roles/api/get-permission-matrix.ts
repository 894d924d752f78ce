import { queryOptions, useQuery } from "@tanstack/react-query";
import { isOrgRole, orgRoles, type OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { roleKeys } from "./keys";

export type Permission = {
  key: string;
  area: string;
  description: string;
  ownerOnly: boolean;
};

/** The permission catalog and, per role, the keys the organization's live matrix grants. */
export type PermissionMatrix = {
  catalog: Permission[];
  grants: Record<OrgRole, ReadonlySet<string>>;
};

export async function getPermissionMatrix(orgId: string): Promise<PermissionMatrix> {
  const [catalog, rows] = await Promise.all([
    supabase.from("permissions").select("key, area, description, owner_only").order("key"),
    supabase.from("role_permissions").select("role, permission").eq("org_id", orgId),
  ]);
  if (catalog.error) throw catalog.error;
  if (rows.error) throw rows.error;
  const grants = Object.fromEntries(orgRoles.map((role) => [role, new Set<string>()])) as Record<
    OrgRole,
    Set<string>
  >;
  for (const row of rows.data) {
    if (isOrgRole(row.role)) grants[row.role].add(row.permission);
  }
  return {
    catalog: catalog.data.map((row) => ({
      key: row.key,
      area: row.area,
      description: row.description,
      ownerOnly: row.owner_only,
    })),
    grants,
  };
}

export function getPermissionMatrixQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: roleKeys.matrix(orgId),
    queryFn: () => getPermissionMatrix(orgId),
  });
}

export function usePermissionMatrix(orgId: string) {
  return useQuery(getPermissionMatrixQueryOptions(orgId));
}
