import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { isOrgRole, type OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import type { Database } from "@/types/database.types";
import type { MemberFilters, MemberStatus } from "../utils/member-filters";
import { memberKeys } from "./keys";

/** One person on the members page: a membership (any status) or a pending invitation. */
export type MemberRow = {
  key: string;
  kind: "member" | "invitation";
  /** Membership id, or invitation id. */
  id: string;
  userId: string | null;
  /** Display name; the email for invitations. */
  name: string;
  email: string;
  role: OrgRole;
  status: MemberStatus;
  lastActiveAt: string | null;
  joinedAt: string | null;
  invitedAt: string | null;
  invitedByName: string | null;
  expiresAt: string | null;
  deliveryFailed: boolean;
  /** Who suspended or removed the person (user ids), when and why; null when that never happened. */
  suspendedAt: string | null;
  suspendedBy: string | null;
  suspendedReason: string | null;
  removedAt: string | null;
  removedBy: string | null;
  removedReason: string | null;
};

export type MembersPage = {
  rows: MemberRow[];
  /** The `p_after` of the next page; null on the last one. */
  next: string | null;
};

// The generated types cannot tell which of a function's columns may be null.
type ListMembersRow = {
  [Column in keyof Database["roster"]["Functions"]["list_members"]["Returns"][number]]:
    Database["roster"]["Functions"]["list_members"]["Returns"][number][Column] | null;
};

export const membersPageSize = 50;

function toMemberRow(row: ListMembersRow): MemberRow[] {
  const kind = row.kind === "member" || row.kind === "invitation" ? row.kind : null;
  const status = row.status as MemberStatus | null;
  if (!kind || !row.id || !row.email || !isOrgRole(row.role) || !status) return [];
  return [
    {
      key: `${kind}:${row.id}`,
      kind,
      id: row.id,
      userId: row.user_id,
      name: row.display_name || row.email,
      email: row.email,
      role: row.role,
      status,
      lastActiveAt: row.last_active_at,
      joinedAt: row.joined_at,
      invitedAt: row.invited_at,
      invitedByName: row.invited_by_name,
      expiresAt: row.expires_at,
      deliveryFailed: row.delivery_failed === true,
      suspendedAt: row.suspended_at,
      suspendedBy: row.suspended_by,
      suspendedReason: row.suspended_reason,
      removedAt: row.removed_at,
      removedBy: row.removed_by,
      removedReason: row.removed_reason,
    },
  ];
}

/**
 * One page of the members page (`list_members`): memberships of every status and pending
 * invitations, searched, filtered and sorted by the server, continuing after `after` (the
 * keyset cursor of the previous page's last row), so page 200 costs what page 1 does.
 */
export async function getMembersPage(
  orgId: string,
  filters: MemberFilters,
  after: string | null,
): Promise<MembersPage> {
  const { data, error } = await supabase.rpc("list_members", {
    p_org_id: orgId,
    p_sort: filters.sort,
    p_limit: membersPageSize,
    p_include_removed: filters.showRemoved,
    ...(filters.search && { p_search: filters.search }),
    ...(filters.role !== "all" && { p_role: filters.role }),
    ...(filters.status !== "all" && { p_status: filters.status }),
    ...(after && { p_after: after }),
  });
  if (error) throw error;
  const rows = data as ListMembersRow[];
  const last = rows.at(-1);
  return {
    rows: rows.flatMap(toMemberRow),
    next: rows.length === membersPageSize && last?.cursor ? last.cursor : null,
  };
}

export function getMembersQueryOptions(orgId: string, filters: MemberFilters) {
  return infiniteQueryOptions({
    queryKey: memberKeys.list(orgId, filters),
    queryFn: ({ pageParam }) => getMembersPage(orgId, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    // A new search or filter keeps the last rows on screen until its first page arrives.
    placeholderData: keepPreviousData,
  });
}

export function useMembers(orgId: string, filters: MemberFilters) {
  return useInfiniteQuery(getMembersQueryOptions(orgId, filters));
}
