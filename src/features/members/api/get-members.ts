import { queryOptions, useQuery } from "@tanstack/react-query";
import type { PostgrestError } from "@supabase/postgrest-js";
import { isOrgRole, type OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { memberKeys } from "./keys";

export type MemberStatus = "active" | "invited" | "suspended" | "removed";

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

// PostgREST caps a response (max_rows = 1000), so big organizations are read page by page.
const pageSize = 1000;

async function readAllPages<T>(
  readPage: (
    from: number,
    to: number,
  ) => PromiseLike<{ data: T[] | null; error: PostgrestError | null }>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let from = 0; ; from += pageSize) {
    const { data, error } = await readPage(from, from + pageSize - 1);
    if (error) throw error;
    rows.push(...(data ?? []));
    if (!data || data.length < pageSize) return rows;
  }
}

/** Members of every status (`member_directory`) and pending invitations (`invitation_list`). */
export async function getMembers(orgId: string): Promise<MemberRow[]> {
  const [members, invitations] = await Promise.all([
    readAllPages((from, to) =>
      supabase
        .from("member_directory")
        .select(
          "membership_id, user_id, display_name, email, role, status, invited_by_name, joined_at, last_active_at, suspended_at, suspended_by, suspended_reason, removed_at, removed_by, removed_reason",
        )
        .eq("org_id", orgId)
        .order("membership_id")
        .range(from, to),
    ),
    // The view reports a pending invitation past its expiry as "expired": only live ones show.
    readAllPages((from, to) =>
      supabase
        .from("invitation_list")
        .select("id, email, role, invited_by_name, created_at, expires_at, delivery_status")
        .eq("org_id", orgId)
        .eq("status", "pending")
        .order("id")
        .range(from, to),
    ),
  ]);

  const rows: MemberRow[] = [];
  for (const member of members) {
    if (!member.membership_id || !member.email || !isOrgRole(member.role) || !member.status) {
      continue;
    }
    rows.push({
      key: `member:${member.membership_id}`,
      kind: "member",
      id: member.membership_id,
      userId: member.user_id,
      name: member.display_name || member.email,
      email: member.email,
      role: member.role,
      status: member.status,
      lastActiveAt: member.last_active_at,
      joinedAt: member.joined_at,
      invitedAt: null,
      invitedByName: member.invited_by_name,
      expiresAt: null,
      deliveryFailed: false,
      suspendedAt: member.suspended_at,
      suspendedBy: member.suspended_by,
      suspendedReason: member.suspended_reason,
      removedAt: member.removed_at,
      removedBy: member.removed_by,
      removedReason: member.removed_reason,
    });
  }
  for (const invitation of invitations) {
    if (!invitation.id || !invitation.email || !isOrgRole(invitation.role)) continue;
    rows.push({
      key: `invitation:${invitation.id}`,
      kind: "invitation",
      id: invitation.id,
      userId: null,
      name: invitation.email,
      email: invitation.email,
      role: invitation.role,
      status: "invited",
      lastActiveAt: null,
      joinedAt: null,
      invitedAt: invitation.created_at,
      invitedByName: invitation.invited_by_name,
      expiresAt: invitation.expires_at,
      deliveryFailed: invitation.delivery_status === "failed",
      suspendedAt: null,
      suspendedBy: null,
      suspendedReason: null,
      removedAt: null,
      removedBy: null,
      removedReason: null,
    });
  }
  return rows;
}

export function getMembersQueryOptions(orgId: string) {
  return queryOptions({ queryKey: memberKeys.list(orgId), queryFn: () => getMembers(orgId) });
}

export function useMembers(orgId: string) {
  return useQuery(getMembersQueryOptions(orgId));
}
