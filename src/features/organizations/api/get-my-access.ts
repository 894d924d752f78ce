import { queryOptions, useQuery } from "@tanstack/react-query";
import type { OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import type { Database } from "@/types/database.types";
import { organizationKeys } from "./keys";
import { liveQueryOptions } from "./live";

export type MyAccess = {
  orgId: string;
  slug: string;
  name: string;
  deleted: boolean;
  role: OrgRole;
  status: Database["roster"]["Enums"]["membership_status"];
  suspendedAt: string | null;
  removedAt: string | null;
};

/**
 * The user's own membership in every organization they belong or belonged to (`my_access`),
 * so a lost organization can be explained: suspended, removed or deleted, and when.
 */
export async function getMyAccess(): Promise<MyAccess[]> {
  const { data, error } = await supabase.rpc("my_access");
  if (error) throw error;
  return data.map((row) => ({
    orgId: row.org_id,
    slug: row.org_slug,
    name: row.org_name,
    deleted: row.org_deleted,
    role: row.role,
    status: row.status,
    suspendedAt: row.suspended_at,
    removedAt: row.removed_at,
  }));
}

export function getMyAccessQueryOptions() {
  return queryOptions({ queryKey: organizationKeys.access(), queryFn: getMyAccess });
}

export function useMyAccess(enabled = true) {
  return useQuery({ ...getMyAccessQueryOptions(), ...liveQueryOptions, enabled });
}
