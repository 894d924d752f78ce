import { type CSSProperties, memo } from "react";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatTimeAgo, formatTimeLeft } from "@/lib/format";
import { roleLabels } from "@/lib/roles";
import type { MemberRow } from "../api/get-members";
import { type Actor, rowActions } from "../utils/member-actions";
import { type RowActionHandler, RowActionsMenu } from "./row-actions-menu";
import { MemberAvatar } from "./member-avatar";
import { StatusBadge } from "./status-badge";

/** Column widths from `md` up; below it each row wraps into a small card. */
export const rowGridClasses =
  "md:grid md:grid-cols-[minmax(0,2.4fr)_minmax(0,0.8fr)_minmax(0,1.4fr)_minmax(0,0.9fr)_minmax(0,0.9fr)_minmax(0,1fr)_6.75rem] md:items-center md:gap-x-3 md:px-4";

type MemberRowViewProps = {
  row: MemberRow;
  rowIndex: number;
  actor: Actor;
  busy: boolean;
  style: CSSProperties;
  onAction: RowActionHandler;
  /** Opens the person's detail drawer; the button that asked gets focus back. */
  onOpenDetail: (row: MemberRow, opener: HTMLElement) => void;
};

function Empty({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden>—</span>
      <span className="sr-only">{label}</span>
    </>
  );
}

export const MemberRowView = memo(function MemberRowView({
  row,
  rowIndex,
  actor,
  busy,
  style,
  onAction,
  onOpenDetail,
}: MemberRowViewProps) {
  const isYou = row.userId === actor.userId;
  const expiresIn = row.expiresAt ? formatTimeLeft(row.expiresAt) : null;
  const meta = "text-xs text-muted-foreground md:text-sm";

  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      data-status={row.status}
      style={style}
      className={`absolute top-0 left-0 flex w-full flex-wrap content-center items-center gap-x-2 gap-y-1 border-b px-3 py-2 md:py-0 ${rowGridClasses}`}
    >
      <div role="cell" className="flex w-[calc(100%-7.5rem)] min-w-0 items-center gap-3 md:w-auto">
        <MemberAvatar name={row.name} />
        <span className="grid min-w-0">
          {row.kind === "member" ? (
            <button
              type="button"
              className="truncate text-left font-medium underline-offset-4 outline-none hover:underline focus-visible:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
              aria-haspopup="dialog"
              onClick={(event) => onOpenDetail(row, event.currentTarget)}
            >
              <span>{row.name}</span>
              {isYou && <span className="font-normal text-muted-foreground"> (you)</span>}
            </button>
          ) : (
            <span className="truncate font-medium">{row.email}</span>
          )}
          {row.kind === "member" && (
            <span className="truncate text-sm text-muted-foreground">{row.email}</span>
          )}
        </span>
      </div>
      <div role="cell" className="max-md:order-3">
        <Badge variant="outline">{roleLabels[row.role]}</Badge>
      </div>
      <div role="cell" className="flex flex-wrap items-center gap-1.5 max-md:order-4">
        <StatusBadge status={row.status} />
        {row.status === "invited" && (
          <span className={meta}>{expiresIn ? `Expires ${expiresIn}` : "Expired"}</span>
        )}
        {row.deliveryFailed && <Badge variant="destructive">Delivery failed</Badge>}
      </div>
      <div role="cell" className={`${meta} max-md:order-5`}>
        <span className="md:sr-only">Last active </span>
        {/* You are looking at the page: that is activity, even before the first heartbeat lands. */}
        {isYou ? (
          "just now"
        ) : row.lastActiveAt ? (
          formatTimeAgo(row.lastActiveAt)
        ) : row.kind === "member" ? (
          "Never"
        ) : (
          <Empty label="not yet" />
        )}
      </div>
      <div role="cell" className={`${meta} max-md:order-6`}>
        <span className="md:sr-only">Joined </span>
        {row.joinedAt ? formatDate(row.joinedAt) : <Empty label="not yet" />}
      </div>
      <div role="cell" className={`${meta} truncate max-md:order-7 max-md:w-full`}>
        <span className="md:sr-only">Invited by </span>
        {row.invitedByName ?? <Empty label="nobody" />}
      </div>
      <div role="cell" className="ml-auto flex justify-end gap-0.5 max-md:order-2 md:ml-0">
        <RowActionsMenu
          subject={row}
          actions={rowActions(row)}
          actor={actor}
          busy={busy}
          onAction={onAction}
        />
      </div>
    </div>
  );
});
