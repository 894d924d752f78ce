import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { auditKeys } from "./keys";

export type AuditPerson = { userId: string; name: string };

// One PostgREST response (max_rows); enough people to pick an actor from in the filter.
const limit = 1000;

/** Everyone who has had a membership, for the actor filter; needs `members.read`. */
export async function getAuditPeople(orgId: string): Promise<AuditPerson[]> {
  const { data, error } = await supabase
    .from("member_directory")
    .select("user_id, display_name, email")
    .eq("org_id", orgId)
    .order("display_name")
    .limit(limit);
  if (error) throw error;
  return data.flatMap((row) =>
    row.user_id
      ? [{ userId: row.user_id, name: row.display_name || row.email || row.user_id }]
      : [],
  );
}

export function getAuditPeopleQueryOptions(orgId: string) {
  return queryOptions({ queryKey: auditKeys.people(orgId), queryFn: () => getAuditPeople(orgId) });
}

export function useAuditPeople(orgId: string, enabled: boolean) {
  return useQuery({ ...getAuditPeopleQueryOptions(orgId), enabled });
}
