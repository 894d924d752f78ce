import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { ownershipKeys } from "./keys";

export type PendingTransfer = {
  id: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  fromUserId: string;
  toUserId: string;
  requestedAt: string;
  expiresAt: string;
  /** The signed-in user is the one being offered ownership. */
  isRecipient: boolean;
};

/** Open transfers the user requested or was offered, from `my_pending_transfers`. */
export async function getPendingTransfers(): Promise<PendingTransfer[]> {
  const { data, error } = await supabase
    .from("my_pending_transfers")
    .select(
      "id, org_id, org_slug, org_name, from_user_id, to_user_id, requested_at, expires_at, is_recipient",
    )
    .order("requested_at");
  if (error) throw error;
  return data.flatMap((row) =>
    row.id &&
    row.org_id &&
    row.org_slug &&
    row.org_name &&
    row.from_user_id &&
    row.to_user_id &&
    row.requested_at &&
    row.expires_at
      ? [
          {
            id: row.id,
            orgId: row.org_id,
            orgSlug: row.org_slug,
            orgName: row.org_name,
            fromUserId: row.from_user_id,
            toUserId: row.to_user_id,
            requestedAt: row.requested_at,
            expiresAt: row.expires_at,
            isRecipient: row.is_recipient ?? false,
          },
        ]
      : [],
  );
}

export function getPendingTransfersQueryOptions() {
  return queryOptions({
    queryKey: ownershipKeys.pending(),
    queryFn: getPendingTransfers,
    // A request can arrive while the app is open; look again every minute.
    refetchInterval: 60_000,
  });
}

export function usePendingTransfers() {
  return useQuery(getPendingTransfersQueryOptions());
}
