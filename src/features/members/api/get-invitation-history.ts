import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { isOrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import type { ActionSubject } from "../utils/member-actions";
import { memberKeys } from "./keys";

export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked" | "expired";

/** One invitation of any status, newest first, with who sent it and how it ended. */
export type InvitationHistoryRow = ActionSubject & {
  status: InvitationStatus;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  revokedAt: string | null;
  /** User id of whoever revoked it. */
  revokedBy: string | null;
  sendCount: number;
  deliveryFailed: boolean;
};

type Cursor = { createdAt: string; id: string };

export const invitationHistoryPageSize = 50;

export const invitationStatuses: readonly InvitationStatus[] = [
  "pending",
  "accepted",
  "declined",
  "revoked",
  "expired",
];
const isStatus = (value: string | null): value is InvitationStatus =>
  invitationStatuses.some((status) => status === value);

/**
 * A page of the organization's invitations (`invitation_list`, whose status already reads
 * `expired` past the deadline), continuing after `cursor` on (created_at, id) so a long
 * history costs what its first page does.
 */
export async function getInvitationHistory(
  orgId: string,
  status: InvitationStatus | "all",
  cursor: Cursor | null,
): Promise<InvitationHistoryRow[]> {
  let query = supabase
    .from("invitation_list")
    .select(
      "id, email, role, status, invited_by_name, created_at, expires_at, accepted_at, declined_at, revoked_at, revoked_by, send_count, delivery_status",
    )
    .eq("org_id", orgId);
  if (status !== "all") query = query.eq("status", status);
  if (cursor) {
    query = query
      .lte("created_at", cursor.createdAt)
      .or(
        `created_at.lt.${cursor.createdAt},and(created_at.eq.${cursor.createdAt},id.lt.${cursor.id})`,
      );
  }
  const { data, error } = await query
    .order("created_at", { ascending: false })
    .order("id", { ascending: false })
    .limit(invitationHistoryPageSize);
  if (error) throw error;

  return data.flatMap((row) => {
    if (!row.id || !row.email || !row.created_at || !row.expires_at) return [];
    if (!isOrgRole(row.role) || !isStatus(row.status)) return [];
    return [
      {
        key: `invitation:${row.id}`,
        id: row.id,
        userId: null,
        name: row.email,
        email: row.email,
        role: row.role,
        status: row.status,
        invitedByName: row.invited_by_name,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        acceptedAt: row.accepted_at,
        declinedAt: row.declined_at,
        revokedAt: row.revoked_at,
        revokedBy: row.revoked_by,
        sendCount: row.send_count ?? 0,
        deliveryFailed: row.delivery_status === "failed",
      },
    ];
  });
}

export function getInvitationHistoryQueryOptions(orgId: string, status: InvitationStatus | "all") {
  return infiniteQueryOptions({
    queryKey: [...memberKeys.invitations(orgId), status],
    queryFn: ({ pageParam }) => getInvitationHistory(orgId, status, pageParam),
    initialPageParam: null as Cursor | null,
    getNextPageParam: (page) => {
      const last = page.at(-1);
      return page.length === invitationHistoryPageSize && last
        ? { createdAt: last.createdAt, id: last.id }
        : undefined;
    },
  });
}

export function useInvitationHistory(orgId: string, status: InvitationStatus | "all") {
  return useInfiniteQuery(getInvitationHistoryQueryOptions(orgId, status));
}
