import { type OrgRole, roleRank } from "@/lib/roles";
import type { MemberRow, MemberStatus } from "../api/get-members";

export type SortKey = "name" | "role" | "status" | "last-active" | "joined";

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

const statusOrder: Record<MemberStatus, number> = {
  active: 0,
  invited: 1,
  suspended: 2,
  removed: 3,
};

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

// Newest first; never-seen sorts last.
function byRecent(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

const comparators: Record<SortKey, (a: MemberRow, b: MemberRow) => number> = {
  name: () => 0,
  role: (a, b) => roleRank[b.role] - roleRank[a.role],
  status: (a, b) => statusOrder[a.status] - statusOrder[b.status],
  "last-active": (a, b) => byRecent(a.lastActiveAt, b.lastActiveAt),
  joined: (a, b) => byRecent(a.joinedAt ?? a.invitedAt, b.joinedAt ?? b.invitedAt),
};

/** The rows to show: searched by name or email, filtered by role and status, sorted (ties by name). */
export function filterMembers(rows: readonly MemberRow[], filters: MemberFilters): MemberRow[] {
  const needle = filters.search.trim().toLowerCase();
  const compare = comparators[filters.sort];
  return rows
    .filter(
      (row) =>
        (filters.status === "all"
          ? filters.showRemoved || row.status !== "removed"
          : row.status === filters.status) &&
        (filters.role === "all" || row.role === filters.role) &&
        (!needle ||
          row.name.toLowerCase().includes(needle) ||
          row.email.toLowerCase().includes(needle)),
    )
    .sort((a, b) => compare(a, b) || collator.compare(a.name, b.name));
}
