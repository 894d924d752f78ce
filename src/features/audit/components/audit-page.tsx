import { CalendarRangeIcon, CircleAlertIcon, LoaderCircleIcon, ScrollTextIcon } from "lucide-react";
import { useEffect, useMemo, useRef } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { useSearchParamsState } from "@/lib/use-search-params-state";
import { useAuditActions } from "../api/get-audit-actions";
import { useAuditEvents } from "../api/get-audit-events";
import { type AuditPerson, useAuditPeople } from "../api/get-audit-people";
import { appActions } from "../utils/actions";
import {
  type AuditFilters,
  datesReversed,
  hasFilters,
  noFilters,
  readFilters,
  writeFilters,
} from "../utils/audit-filters";
import type { NameOf } from "../utils/describe-event";
import { AuditTable } from "./audit-table";
import { AuditToolbar } from "./audit-toolbar";
import { ChainBadge } from "./chain-badge";
import { EventDrawer } from "./event-drawer";
import { ExportButton } from "./export-button";

type AuditPageProps = {
  org: { id: string; name: string };
  permissions: ReadonlySet<string>;
};

function eventFromUrl(params: URLSearchParams): number | null {
  const id = Number(params.get("event"));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** /o/:slug/audit — every change in the organization, filterable, exportable and verifiable. */
export function AuditPage({ org, permissions }: AuditPageProps) {
  const [params, setParams] = useSearchParamsState();
  const filters = useMemo(() => readFilters(params), [params]);
  const openEventId = eventFromUrl(params);
  const events = useAuditEvents(org.id, filters);
  const directory = useAuditPeople(org.id);
  const actions = useAuditActions(org.id);
  const more = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // What opened the drawer (a Details button, the chain badge): focus goes back there.
  const opener = useRef<{ element: Element | null; id: number } | null>(null);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = events;
  // Infinite scroll: the next page loads as the end of the list comes into view.
  useEffect(() => {
    const sentinel = more.current;
    if (!sentinel || !hasNextPage || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) {
        void fetchNextPage();
      }
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const loaded = useMemo(
    () => events.data?.pages.flatMap((page) => page.events) ?? [],
    [events.data],
  );
  const names = useMemo(
    () =>
      Object.assign({}, ...(events.data?.pages.map((page) => page.names) ?? [])) as Record<
        string,
        string
      >,
    [events.data],
  );
  const nameOf: NameOf = (userId, email) => (userId && names[userId]) || email || "Someone";

  // The actor filter offers everyone who has acted in the log, anyone newer seen in the loaded
  // events, and whoever the URL names.
  const people = useMemo(() => {
    const byId = new Map<string, string>();
    for (const person of directory.data ?? []) byId.set(person.userId, person.name);
    for (const event of loaded) {
      if (event.actorKind === "user" && event.actorId && !byId.has(event.actorId)) {
        byId.set(
          event.actorId,
          event.actorName ?? names[event.actorId] ?? event.actorEmail ?? event.actorId,
        );
      }
    }
    if (filters.actor && !byId.has(filters.actor)) byId.set(filters.actor, "Selected person");
    return [...byId]
      .map(([userId, name]): AuditPerson => ({ userId, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [directory.data, loaded, names, filters.actor]);

  const setFilters = (patch: Partial<AuditFilters>) =>
    setParams((previous) => {
      const next = writeFilters(previous, { ...readFilters(previous), ...patch });
      next.delete("event");
      return next;
    });
  const openEvent = (id: number) => {
    opener.current = { element: document.activeElement, id };
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set("event", String(id));
      return next;
    });
  };
  const returnFocus = (event: Event) => {
    event.preventDefault();
    const from = opener.current;
    opener.current = null;
    // A drawer opened from a shared link has no opener: the heading starts the page again.
    const target =
      from?.element instanceof HTMLElement && from.element.isConnected
        ? from.element
        : document.querySelector<HTMLElement>(`[data-event-details="${from?.id ?? ""}"]`);
    (target ?? headingRef.current)?.focus();
  };
  const closeEvent = () =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.delete("event");
      return next;
    });

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center gap-3">
            <h1
              ref={headingRef}
              tabIndex={-1}
              className="text-2xl font-semibold tracking-tight outline-none"
            >
              Audit log
            </h1>
            <ChainBadge orgId={org.id} onOpenEvent={openEvent} />
          </div>
          <p className="text-sm text-muted-foreground">
            Every change in {org.name}, newest first. Events can't be edited or deleted.
          </p>
        </div>
        {permissions.has("audit.export") && <ExportButton orgId={org.id} filters={filters} />}
      </div>

      <AuditToolbar
        filters={filters}
        people={people}
        appActions={appActions(actions.data ?? [])}
        onChange={setFilters}
      />

      {datesReversed(filters) ? (
        <div className="grid justify-items-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center">
          <CalendarRangeIcon aria-hidden className="size-8 text-muted-foreground" />
          <p className="font-medium">
            The From date ({formatDate(`${filters.from}T00:00`)}) is after the To date (
            {formatDate(`${filters.to}T00:00`)}), so no day is in between.
          </p>
          <Button
            variant="outline"
            size="sm"
            onClick={() => setFilters({ from: filters.to, to: filters.from })}
          >
            Swap the dates
          </Button>
        </div>
      ) : events.isPending ? (
        <div role="status" className="grid gap-2 rounded-lg border p-3">
          <span className="sr-only">Loading the audit log…</span>
          {Array.from({ length: 8 }, (_, index) => (
            <div key={index} className="flex gap-3">
              <Skeleton className="h-5 w-16" />
              <Skeleton className="h-5 flex-1" />
            </div>
          ))}
        </div>
      ) : !events.data ? (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertTitle>Couldn't load the audit log</AlertTitle>
          <AlertDescription>
            <p>{getErrorMessage(events.error)}</p>
            <Button variant="outline" size="sm" onClick={() => void events.refetch()}>
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      ) : loaded.length === 0 ? (
        <div className="grid justify-items-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center">
          <ScrollTextIcon aria-hidden className="size-8 text-muted-foreground" />
          <p className="font-medium">
            {hasFilters(filters) ? "No events match these filters" : "No events yet"}
          </p>
          {hasFilters(filters) && (
            <Button variant="outline" size="sm" onClick={() => setFilters(noFilters)}>
              Clear filters
            </Button>
          )}
        </div>
      ) : (
        <div className="grid gap-3">
          <AuditTable events={loaded} nameOf={nameOf} onOpen={openEvent} />
          <div ref={more} className="flex justify-center">
            {hasNextPage ? (
              <Button
                variant="outline"
                disabled={isFetchingNextPage}
                onClick={() => void fetchNextPage()}
              >
                {isFetchingNextPage && <LoaderCircleIcon aria-hidden className="animate-spin" />}
                Load older events
              </Button>
            ) : (
              <p className="text-sm text-muted-foreground">
                {loaded.length} {loaded.length === 1 ? "event" : "events"}; that's everything.
              </p>
            )}
          </div>
          {events.isFetchNextPageError && (
            <Alert variant="destructive">
              <CircleAlertIcon aria-hidden />
              <AlertDescription>{getErrorMessage(events.error)}</AlertDescription>
            </Alert>
          )}
        </div>
      )}

      <EventDrawer
        orgId={org.id}
        eventId={openEventId}
        onClose={closeEvent}
        onFilter={setFilters}
        onCloseAutoFocus={returnFocus}
      />
    </div>
  );
}
