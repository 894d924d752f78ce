import { queryOptions, useQuery } from "@tanstack/react-query";
import { isOrgRole, type OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { ownershipKeys } from "./keys";

export type TransferCandidate = { userId: string; name: string; email: string; role: OrgRole };

/**
 * Active members other than the owner: the people ownership can go to (`member_directory`,
 * which the owner reads through `members.read`). PostgREST returns at most 1,000 rows.
 */
export async function getTransferCandidates(orgId: string): Promise<TransferCandidate[]> {
  const { data, error } = await supabase
    .from("member_directory")
    .select("user_id, display_name, email, role")
    .eq("org_id", orgId)
    .eq("status", "active")
    .neq("role", "owner")
    .order("display_name");
  if (error) throw error;
  return data.flatMap((row) =>
    row.user_id && row.email && isOrgRole(row.role)
      ? [
          {
            userId: row.user_id,
            name: row.display_name || row.email,
            email: row.email,
            role: row.role,
          },
        ]
      : [],
  );
}

export function getTransferCandidatesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: ownershipKeys.candidates(orgId),
    queryFn: () => getTransferCandidates(orgId),
  });
}

export function useTransferCandidates(orgId: string, enabled = true) {
  return useQuery({ ...getTransferCandidatesQueryOptions(orgId), enabled });
}
