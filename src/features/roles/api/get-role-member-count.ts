import { queryOptions, useQuery } from "@tanstack/react-query";
import type { OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { roleKeys } from "./keys";

/** How many active members hold `role`: the people a change to its permissions reaches at once. */
export async function getRoleMemberCount(orgId: string, role: OrgRole): Promise<number> {
  const { count, error } = await supabase
    .from("member_directory")
    .select("membership_id", { count: "exact", head: true })
    .eq("org_id", orgId)
    .eq("role", role)
    .eq("status", "active");
  if (error) throw error;
  return count ?? 0;
}

export function getRoleMemberCountQueryOptions(orgId: string, role: OrgRole) {
  return queryOptions({
    queryKey: roleKeys.memberCount(orgId, role),
    queryFn: () => getRoleMemberCount(orgId, role),
  });
}

export function useRoleMemberCount(orgId: string, role: OrgRole) {
  return useQuery(getRoleMemberCountQueryOptions(orgId, role));
}
