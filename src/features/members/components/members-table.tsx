import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useMediaQuery } from "@/lib/use-media-query";
import type { MemberRow } from "../api/get-members";
import type { Actor } from "../utils/member-actions";
import { Skeleton } from "@/components/ui/skeleton";
import { MemberRowView, rowGridClasses } from "./member-row";
import type { RowActionHandler } from "./row-actions-menu";

// Fixed heights keep scrolling cheap: no row is measured. Narrow screens stack each row.
const wideRowHeight = 60;
const narrowRowHeight = 136;

const columns = ["Name", "Role", "Status", "Last active", "Joined", "Invited by", "Actions"];

// The next page is asked for while this many loaded rows are still below the screen.
const nearEndRows = 20;

type MembersTableProps = {
  /** The rows loaded so far, in order. */
  rows: MemberRow[];
  /** How many rows the whole list has (the server's count), for assistive technology. */
  rowCount: number;
  /** More rows follow the loaded ones: a placeholder row ends the list until they arrive. */
  hasMore: boolean;
  /** The user is nearing the last loaded row. */
  onNearEnd: () => void;
  actor: Actor;
  /** The invitation being resent, if any: its button shows progress. */
  busyId: string | undefined;
  onAction: RowActionHandler;
  onOpenDetail: (row: MemberRow, opener: HTMLElement) => void;
};

/**
 * The people list as an ARIA table whose rows are virtualized against the page scroll: only
 * the rows on screen (plus a few) exist in the DOM, and rows are loaded a page at a time as
 * the user scrolls towards them, so 100,000 members cost what 100 do.
 */
export function MembersTable({
  rows,
  rowCount,
  hasMore,
  onNearEnd,
  actor,
  busyId,
  onAction,
  onOpenDetail,
}: MembersTableProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const wide = useMediaQuery("(min-width: 768px)");
  const rowHeight = wide ? wideRowHeight : narrowRowHeight;
  const [scrollMargin, setScrollMargin] = useState(0);

  // Where the list starts on the page; the toolbar above it rewraps when the window resizes.
  useLayoutEffect(() => {
    const update = () =>
      setScrollMargin((bodyRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => rows[index]?.key ?? index,
  });

  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastShown >= rows.length - nearEndRows) onNearEnd();
  }, [hasMore, lastShown, rows.length, onNearEnd]);

  return (
    <div
      role="table"
      aria-label="Members"
      aria-rowcount={Math.max(rowCount, rows.length) + 1}
      className="overflow-hidden rounded-lg border bg-card"
    >
      <div role="rowgroup">
        <div
          role="row"
          aria-rowindex={1}
          className={`sr-only border-b bg-muted/50 text-xs font-medium text-muted-foreground md:not-sr-only md:h-10 ${rowGridClasses}`}
        >
          {columns.map((column) => (
            <div
              key={column}
              role="columnheader"
              className={column === "Actions" ? "text-right" : undefined}
            >
              {column === "Actions" ? <span className="sr-only">{column}</span> : column}
            </div>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        ref={bodyRef}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const style = {
            height: item.size,
            transform: `translateY(${item.start - scrollMargin}px)`,
          };
          const row = rows[item.index];
          if (!row) return <LoadingRow key={item.key} rowIndex={item.index + 2} style={style} />;
          return (
            <MemberRowView
              key={item.key}
              row={row}
              rowIndex={item.index + 2}
              actor={actor}
              busy={busyId === row.id}
              onAction={onAction}
              onOpenDetail={onOpenDetail}
              style={style}
            />
          );
        })}
      </div>
    </div>
  );
}

function LoadingRow({ rowIndex, style }: { rowIndex: number; style: CSSProperties }) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-busy
      style={style}
      className="absolute top-0 left-0 flex w-full items-center gap-3 border-b px-3 md:px-4"
    >
      <div role="cell" className="flex flex-1 items-center gap-3">
        <Skeleton className="size-9 rounded-full" />
        <Skeleton className="h-4 w-40 max-w-full" />
        <span className="sr-only">Loading more members…</span>
      </div>
    </div>
  );
}
