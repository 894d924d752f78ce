import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { auditKeys } from "./keys";

export type AuditPerson = { userId: string; name: string };

/**
 * Everyone who has acted in the log, with the name they last acted under, for the actor filter
 * (`audit_actors`: any `audit.read` holder, viewers included).
 */
export async function getAuditPeople(orgId: string): Promise<AuditPerson[]> {
  const { data, error } = await supabase.rpc("audit_actors", { p_org_id: orgId });
  if (error) throw error;
  return data.map((row) => ({ userId: row.actor_id, name: row.name }));
}

export function getAuditPeopleQueryOptions(orgId: string) {
  return queryOptions({ queryKey: auditKeys.people(orgId), queryFn: () => getAuditPeople(orgId) });
}

export function useAuditPeople(orgId: string) {
  return useQuery(getAuditPeopleQueryOptions(orgId));
}
