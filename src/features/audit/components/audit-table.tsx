import { formatDateTime, formatTimeAgo } from "@/lib/format";
import type { AuditEvent } from "../api/get-audit-events";
import { actorName, describeEvent, type NameOf, targetName } from "../utils/describe-event";

type AuditTableProps = {
  events: AuditEvent[];
  nameOf: NameOf;
  onOpen: (id: number) => void;
};

/** The log, newest first. Narrow screens keep time, the sentence and the details button. */
export function AuditTable({ events, nameOf, onOpen }: AuditTableProps) {
  return (
    <div className="overflow-hidden rounded-lg border bg-card">
      {/* Fixed layout: the sentence column takes what is left and wraps, so Details never
          slides off a phone's screen. */}
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="w-24 px-3 py-2 font-medium">
              When
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
              Actor
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Action
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">
              Target
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">
              Reason
            </th>
            <th scope="col" className="w-24 px-3 py-2">
              <span className="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-t align-top">
              <td className="px-3 py-2 whitespace-nowrap text-muted-foreground">
                <time dateTime={event.occurredAt} title={formatDateTime(event.occurredAt)}>
                  {formatTimeAgo(event.occurredAt)}
                </time>
              </td>
              <td className="hidden px-3 py-2 break-words md:table-cell">
                {actorName(event, nameOf)}
              </td>
              <td className="px-3 py-2 wrap-anywhere">{describeEvent(event, nameOf)}</td>
              <td className="hidden px-3 py-2 break-words lg:table-cell">
                {targetName(event, nameOf) ?? "—"}
              </td>
              <td className="hidden px-3 py-2 break-words text-muted-foreground md:table-cell">
                {event.reason ?? "—"}
              </td>
              <td className="px-3 py-1.5 text-right">
                <button
                  type="button"
                  className="rounded-md px-2 py-1 text-sm font-medium text-primary underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  aria-label={`Details of event #${event.id}`}
                  data-event-details={event.id}
                  onClick={() => onOpen(event.id)}
                >
                  Details
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
