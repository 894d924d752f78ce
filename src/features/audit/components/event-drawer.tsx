import { CircleAlertIcon } from "lucide-react";
import { DetailField as Field } from "@/components/detail-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
} from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { useAuditEvent } from "../api/get-audit-event";
import type { AuditEvent } from "../api/get-audit-events";
import type { AuditFilters } from "../utils/audit-filters";
import { actorName, describeEvent, type NameOf, targetName } from "../utils/describe-event";
import { diffEvent } from "../utils/diff";

type EventDrawerProps = {
  orgId: string;
  eventId: number | null;
  onClose: () => void;
  onFilter: (patch: Partial<AuditFilters>) => void;
  /** Puts focus back on what opened the drawer. */
  onCloseAutoFocus: (event: Event) => void;
};

/** One event in full: what changed (before → after), who, and the request it came from. */
export function EventDrawer({
  orgId,
  eventId,
  onClose,
  onFilter,
  onCloseAutoFocus,
}: EventDrawerProps) {
  const query = useAuditEvent(orgId, eventId);
  const page = query.data;
  const event = page?.events[0];
  const nameOf: NameOf = (userId, email) =>
    (userId && page?.names[userId]) || email || userId || "Someone";

  return (
    <Sheet open={eventId !== null} onOpenChange={(open) => !open && onClose()}>
      <SheetContent aria-describedby={undefined} onCloseAutoFocus={onCloseAutoFocus}>
        {query.isPending ? (
          <div role="status" className="grid gap-3">
            <SheetTitle>Event #{eventId}</SheetTitle>
            <span className="sr-only">Loading the event…</span>
            <Skeleton className="h-6 w-3/4" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : query.isError ? (
          <>
            <SheetTitle>Event #{eventId}</SheetTitle>
            <Alert variant="destructive">
              <CircleAlertIcon aria-hidden />
              <AlertDescription>{getErrorMessage(query.error)}</AlertDescription>
            </Alert>
          </>
        ) : !event ? (
          <>
            <SheetTitle>Event #{eventId}</SheetTitle>
            <p className="text-sm text-muted-foreground">
              There is no event #{eventId} in this organization's log.
            </p>
          </>
        ) : (
          <EventDetails event={event} nameOf={nameOf} onFilter={onFilter} />
        )}
      </SheetContent>
    </Sheet>
  );
}

type EventDetailsProps = {
  event: AuditEvent;
  nameOf: NameOf;
  onFilter: (patch: Partial<AuditFilters>) => void;
};

function EventDetails({ event, nameOf, onFilter }: EventDetailsProps) {
  const rows = diffEvent(event);
  const target = targetName(event, nameOf);
  return (
    <>
      <SheetHeader>
        <SheetTitle>{describeEvent(event, nameOf)}</SheetTitle>
        <SheetDescription>
          Event #{event.id} · <code>{event.action}</code>
        </SheetDescription>
      </SheetHeader>
      <dl className="grid gap-3">
        <Field label="When">
          <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
        </Field>
        <Field label="Actor">
          {actorName(event, nameOf)}
          {event.actorKind === "user" && event.actorEmail && (
            <span className="text-muted-foreground"> · {event.actorEmail}</span>
          )}
          {event.actorId && (
            <Button
              variant="link"
              size="sm"
              className="ml-2 h-auto p-0"
              onClick={() => onFilter({ actor: event.actorId ?? "" })}
            >
              Only this actor
            </Button>
          )}
        </Field>
        {target && (
          <Field label="Target">
            {target}
            {event.targetEmail && target !== event.targetEmail && (
              <span className="text-muted-foreground"> · {event.targetEmail}</span>
            )}
            <Button
              variant="link"
              size="sm"
              className="ml-2 h-auto p-0"
              onClick={() => onFilter({ target: event.targetUserId ?? event.targetEmail ?? "" })}
            >
              Only this target
            </Button>
          </Field>
        )}
        {event.reason && <Field label="Reason">{event.reason}</Field>}
      </dl>

      <section aria-label="Changes" className="grid gap-2">
        <h3 className="text-sm font-medium">Changes</h3>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">This event records no field values.</p>
        ) : (
          <div className="overflow-x-auto rounded-md border">
            <table className="w-full text-sm">
              <caption className="sr-only">Before and after</caption>
              <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className="px-3 py-1.5 font-medium">
                    Field
                  </th>
                  <th scope="col" className="px-3 py-1.5 font-medium">
                    Before
                  </th>
                  <th scope="col" className="px-3 py-1.5 font-medium">
                    After
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr
                    key={row.field}
                    data-changed={row.changed}
                    className={cn("border-t align-top", !row.changed && "text-muted-foreground")}
                  >
                    <th scope="row" className="px-3 py-1.5 text-left font-medium">
                      {row.field}
                    </th>
                    <td className="px-3 py-1.5 break-all">
                      {row.changed ? (
                        <del className="text-destructive">{row.before}</del>
                      ) : (
                        row.before
                      )}
                    </td>
                    <td className="px-3 py-1.5 break-all">
                      {row.changed ? (
                        <ins className="text-emerald-700 no-underline dark:text-emerald-300">
                          {row.after}
                        </ins>
                      ) : (
                        row.after
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-label="Request" className="grid gap-2">
        <h3 className="text-sm font-medium">Request</h3>
        <dl className="grid gap-3">
          <Field label="IP address">{event.ip ?? "Not recorded"}</Field>
          <Field label="User agent">{event.userAgent ?? "Not recorded"}</Field>
        </dl>
      </section>
    </>
  );
}
