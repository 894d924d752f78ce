import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useMediaQuery } from "@/lib/use-media-query";
import type { MemberRow } from "../api/get-members";
import type { Actor } from "../utils/member-actions";
import { MemberRowView, rowGridClasses } from "./member-row";
import type { RowActionHandler } from "./row-actions-menu";

// Fixed heights keep scrolling cheap: no row is measured. Narrow screens stack each row.
const wideRowHeight = 60;
const narrowRowHeight = 136;

const columns = ["Name", "Role", "Status", "Last active", "Joined", "Invited by", "Actions"];

type MembersTableProps = {
  rows: MemberRow[];
  actor: Actor;
  /** The invitation being resent, if any: its button shows progress. */
  busyId: string | undefined;
  onAction: RowActionHandler;
  onOpenDetail: (row: MemberRow, opener: HTMLElement) => void;
};

/**
 * The people list as an ARIA table whose rows are virtualized against the page scroll: only
 * the rows on screen (plus a few) exist in the DOM, so 10,000 members scroll like 10.
 */
export function MembersTable({ rows, actor, busyId, onAction, onOpenDetail }: MembersTableProps) {
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
    count: rows.length,
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => rows[index]?.key ?? index,
  });

  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  return (
    <div
      role="table"
      aria-label="Members"
      aria-rowcount={rows.length + 1}
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
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <MemberRowView
              key={item.key}
              row={row}
              rowIndex={item.index + 2}
              actor={actor}
              busy={busyId === row.id}
              onAction={onAction}
              onOpenDetail={onOpenDetail}
              style={{
                height: item.size,
                transform: `translateY(${item.start - scrollMargin}px)`,
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
