import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { auditKeys } from "./keys";

/**
 * Every action in the org's log, Roster's and the apps' (`audit_actions`: any `audit.read`
 * holder), so the action filter can offer app actions too.
 */
export async function getAuditActions(orgId: string): Promise<string[]> {
  const { data, error } = await supabase.rpc("audit_actions", { p_org_id: orgId });
  if (error) throw error;
  return data.map((row) => row.action);
}

export function getAuditActionsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: auditKeys.actions(orgId),
    queryFn: () => getAuditActions(orgId),
  });
}

export function useAuditActions(orgId: string) {
  return useQuery(getAuditActionsQueryOptions(orgId));
}
