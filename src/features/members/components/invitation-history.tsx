import { LoaderCircleIcon, MailIcon } from "lucide-react";
import { useId, useState } from "react";
import { LoadError } from "@/components/load-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatTimeAgo } from "@/lib/format";
import { roleLabels } from "@/lib/roles";
import {
  type InvitationHistoryRow,
  type InvitationStatus,
  invitationStatuses,
  useInvitationHistory,
} from "../api/get-invitation-history";
import { usePeopleNames } from "../api/get-people-names";
import type { Actor, RowAction } from "../utils/member-actions";
import { type RowActionHandler, RowActionsMenu } from "./row-actions-menu";

const statusBadges = {
  pending: { label: "Pending", variant: "default" },
  accepted: { label: "Accepted", variant: "success" },
  declined: { label: "Declined", variant: "secondary" },
  revoked: { label: "Revoked", variant: "secondary" },
  expired: { label: "Expired", variant: "warning" },
} as const satisfies Record<InvitationStatus, { label: string; variant: string }>;

/** Pending ones can be resent or revoked; the ones that ended without a yes can be sent anew. */
const actionsByStatus: Record<InvitationStatus, RowAction[]> = {
  pending: ["resend", "revoke"],
  accepted: [],
  declined: ["invite-again"],
  revoked: ["invite-again"],
  expired: ["invite-again"],
};

type InvitationHistoryProps = {
  orgId: string;
  actor: Actor;
  busyId: string | undefined;
  onAction: RowActionHandler;
};

function outcome(row: InvitationHistoryRow, names: ReadonlyMap<string, string>): string {
  switch (row.status) {
    case "pending": {
      const left = new Date(row.expiresAt).getTime() > Date.now();
      return left ? `Expires ${formatDate(row.expiresAt)}` : "Expired";
    }
    case "accepted":
      return row.acceptedAt ? `Accepted ${formatTimeAgo(row.acceptedAt)}` : "Accepted";
    case "declined":
      return row.declinedAt ? `Declined ${formatTimeAgo(row.declinedAt)}` : "Declined";
    case "revoked": {
      const by = row.revokedBy ? names.get(row.revokedBy) : undefined;
      const when = row.revokedAt ? ` ${formatTimeAgo(row.revokedAt)}` : "";
      return `Revoked${by ? ` by ${by}` : ""}${when}`;
    }
    case "expired":
      return `Expired ${formatTimeAgo(row.expiresAt)}`;
  }
}

/** Every invitation the organization sent, whatever became of it, newest first. */
export function InvitationHistory({ orgId, actor, busyId, onAction }: InvitationHistoryProps) {
  const id = useId();
  const [status, setStatus] = useState<InvitationStatus | "all">("all");
  const history = useInvitationHistory(orgId, status);
  const rows = history.data?.pages.flat() ?? [];
  // Who revoked what, looked up for the loaded rows only.
  const names = usePeopleNames(
    orgId,
    rows.map((row) => row.revokedBy),
  );

  return (
    <div className="grid gap-3">
      <div className="md:w-56">
        <Label htmlFor={`${id}-status`} className="sr-only">
          Invitation status
        </Label>
        <NativeSelect
          id={`${id}-status`}
          value={status}
          onChange={(event) =>
            setStatus(invitationStatuses.find((option) => option === event.target.value) ?? "all")
          }
        >
          <option value="all">All invitations</option>
          {invitationStatuses.map((option) => (
            <option key={option} value={option}>
              {statusBadges[option].label}
            </option>
          ))}
        </NativeSelect>
      </div>
      {history.isPending ? (
        <div role="status" className="grid gap-2 rounded-lg border p-3">
          <span className="sr-only">Loading invitations…</span>
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-10 w-full" />
          ))}
        </div>
      ) : history.isError ? (
        <LoadError
          title="Couldn't load the invitations"
          error={history.error}
          onRetry={() => void history.refetch()}
        />
      ) : rows.length === 0 ? (
        <div className="grid justify-items-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center">
          <MailIcon aria-hidden className="size-8 text-muted-foreground" />
          <p className="font-medium">
            {status === "all"
              ? "No invitations yet"
              : `No ${statusBadges[status].label.toLowerCase()} invitations`}
          </p>
        </div>
      ) : (
        <>
          <ul aria-label="Invitations" className="divide-y rounded-lg border bg-card">
            {rows.map((row) => (
              <li
                key={row.key}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-3 md:px-4"
              >
                <div className="grid min-w-0 flex-1 basis-56 gap-0.5">
                  <span className="truncate font-medium">{row.email}</span>
                  <span className="text-sm text-muted-foreground">
                    Invited by {row.invitedByName ?? "someone no longer visible"},{" "}
                    {formatDate(row.createdAt)}
                    {row.sendCount > 1 && ` · sent ${row.sendCount} times`}
                  </span>
                </div>
                <Badge variant="outline">{roleLabels[row.role]}</Badge>
                <div className="flex flex-wrap items-center gap-1.5 md:w-72">
                  <Badge variant={statusBadges[row.status].variant}>
                    {statusBadges[row.status].label}
                  </Badge>
                  <span className="text-sm text-muted-foreground">{outcome(row, names)}</span>
                  {row.deliveryFailed && row.status === "pending" && (
                    <Badge variant="destructive">Delivery failed</Badge>
                  )}
                </div>
                <div className="ml-auto w-[6.75rem] text-right">
                  <RowActionsMenu
                    subject={row}
                    actions={actionsByStatus[row.status]}
                    actor={actor}
                    busy={busyId === row.id}
                    onAction={onAction}
                  />
                </div>
              </li>
            ))}
          </ul>
          {history.hasNextPage && (
            <Button
              variant="outline"
              className="justify-self-center"
              disabled={history.isFetchingNextPage}
              onClick={() => void history.fetchNextPage()}
            >
              {history.isFetchingNextPage && (
                <LoaderCircleIcon aria-hidden className="animate-spin" />
              )}
              Show older invitations
            </Button>
          )}
        </>
      )}
    </div>
  );
}
