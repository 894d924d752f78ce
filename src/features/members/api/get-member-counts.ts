import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import type { MemberCounts, MemberFilters } from "../utils/member-filters";
import { memberKeys } from "./keys";

/** How many people the members page holds in each status for a search and role (`member_counts`). */
export async function getMemberCounts(
  orgId: string,
  search: string,
  role: MemberFilters["role"],
): Promise<MemberCounts> {
  const { data, error } = await supabase.rpc("member_counts", {
    p_org_id: orgId,
    ...(search && { p_search: search }),
    ...(role !== "all" && { p_role: role }),
  });
  if (error) throw error;
  const counts = data as Partial<Record<keyof MemberCounts, unknown>>;
  return {
    active: Number(counts.active ?? 0),
    invited: Number(counts.invited ?? 0),
    suspended: Number(counts.suspended ?? 0),
    removed: Number(counts.removed ?? 0),
  };
}

export function getMemberCountsQueryOptions(
  orgId: string,
  search: string,
  role: MemberFilters["role"],
) {
  return queryOptions({
    queryKey: memberKeys.counts(orgId, search, role),
    queryFn: () => getMemberCounts(orgId, search, role),
    // While a new search is counted, the last numbers stay instead of a flash of nothing.
    placeholderData: keepPreviousData,
  });
}

export function useMemberCounts(orgId: string, search: string, role: MemberFilters["role"]) {
  return useQuery(getMemberCountsQueryOptions(orgId, search, role));
}
