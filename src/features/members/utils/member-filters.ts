import { isOrgRole, type OrgRole } from "@/lib/roles";

export type MemberStatus = "active" | "invited" | "suspended" | "removed";

export type SortKey = "name" | "role" | "status" | "last-active" | "joined";

/** The members page's view, kept in the URL (`q`, `role`, `status`, `removed`, `sort`). */
export type MemberFilters = {
  search: string;
  role: OrgRole | "all";
  status: MemberStatus | "all";
  showRemoved: boolean;
  sort: SortKey;
};

export const defaultFilters: MemberFilters = {
  search: "",
  role: "all",
  status: "all",
  showRemoved: false,
  sort: "name",
};

export const memberStatuses: readonly MemberStatus[] = [
  "active",
  "invited",
  "suspended",
  "removed",
];
export const sortKeys: readonly SortKey[] = ["name", "role", "status", "last-active", "joined"];

const isStatus = (value: string | null): value is MemberStatus =>
  memberStatuses.some((status) => status === value);
const isSortKey = (value: string | null): value is SortKey => sortKeys.some((key) => key === value);

/** The filters a URL asks for; anything unknown reads as its default. */
export function readMemberFilters(params: URLSearchParams): MemberFilters {
  const role = params.get("role");
  const status = params.get("status");
  const sort = params.get("sort");
  const showRemoved = params.get("removed") === "1";
  return {
    search: params.get("q")?.trim() ?? "",
    role: role && isOrgRole(role) ? role : "all",
    // Removed members are listed only while the switch shows them.
    status: isStatus(status) && (status !== "removed" || showRemoved) ? status : "all",
    showRemoved,
    sort: isSortKey(sort) ? sort : "name",
  };
}

/** `params` with the filters written in (defaults left out) and everything else kept. */
export function writeMemberFilters(
  params: URLSearchParams,
  filters: MemberFilters,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const values: Record<string, string> = {
    q: filters.search.trim(),
    role: filters.role === "all" ? "" : filters.role,
    status: filters.status === "all" ? "" : filters.status,
    removed: filters.showRemoved ? "1" : "",
    sort: filters.sort === "name" ? "" : filters.sort,
  };
  for (const [key, value] of Object.entries(values)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

export const hasMemberFilters = (filters: MemberFilters) =>
  filters.search !== "" ||
  filters.role !== "all" ||
  filters.status !== "all" ||
  filters.showRemoved ||
  filters.sort !== "name";

/** Per-status totals (`member_counts`). */
export type MemberCounts = Record<MemberStatus, number>;

/** How many rows the list holds for `filters`, out of `counts` for the same search and role. */
export function listedCount(counts: MemberCounts, filters: MemberFilters): number {
  if (filters.status !== "all") return counts[filters.status];
  return (
    counts.active + counts.invited + counts.suspended + (filters.showRemoved ? counts.removed : 0)
  );
}
