import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { getDisplayNames } from "@/lib/display-names";
import { containsPattern } from "@/lib/postgrest";
import { supabase } from "@/lib/supabase";
import type { Database } from "@/types/database.types";
import {
  type AuditFilters,
  isUuid,
  type ServerFilters,
  toServerFilters,
} from "../utils/audit-filters";
import { auditKeys } from "./keys";

type Row = Database["roster"]["Tables"]["audit_events"]["Row"];

export type AuditEvent = {
  id: number;
  /** As PostgREST renders it, microseconds included: the keyset cursor must not lose them. */
  occurredAt: string;
  actorKind: Row["actor_kind"];
  actorId: string | null;
  actorEmail: string | null;
  /** The actor's display name when the event happened (null on events older than the snapshot). */
  actorName: string | null;
  action: string;
  targetUserId: string | null;
  targetEmail: string | null;
  targetName: string | null;
  targetInvitationId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
};

export type AuditPage = {
  events: AuditEvent[];
  /** Display names of the people in these events that the reader may see (profiles RLS). */
  names: Record<string, string>;
};

export type AuditCursor = { occurredAt: string; id: number };

export const auditPageSize = 50;

export const auditEventColumns =
  "id, occurred_at, actor_kind, actor_id, actor_email, actor_name, action, target_user_id, target_email, target_name, target_invitation_id, reason, before, after, ip, user_agent";

export function toAuditEvent(row: Omit<Row, "org_id" | "hash" | "prev_hash">): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    actorName: row.actor_name,
    action: row.action,
    targetUserId: row.target_user_id,
    targetEmail: row.target_email,
    targetName: row.target_name,
    targetInvitationId: row.target_invitation_id,
    reason: row.reason,
    before: row.before,
    after: row.after,
    ip: typeof row.ip === "string" ? row.ip : null,
    userAgent: row.user_agent,
  };
}

/**
 * Text search (`q`) goes to search_audit_events, which reads the org's trigram index: through
 * RLS an ilike cannot use it (ilike is not leakproof) and reads every event of the org. Same
 * filters, same order, same keyset cursor.
 */
function searchEvents(orgId: string, server: ServerFilters, q: string, cursor: AuditCursor | null) {
  return supabase
    .rpc("search_audit_events", {
      p_org_id: orgId,
      p_q: q,
      p_from: server.from,
      p_to: server.to,
      p_actions: server.action,
      p_actor_id: server.actorId,
      p_target: server.target,
      p_before_occurred_at: cursor?.occurredAt,
      p_before_id: cursor?.id,
      p_limit: auditPageSize,
    })
    .select(auditEventColumns);
}

function listEvents(orgId: string, server: ServerFilters, cursor: AuditCursor | null) {
  let query = supabase.from("audit_events").select(auditEventColumns).eq("org_id", orgId);
  if (server.from) query = query.gte("occurred_at", server.from);
  if (server.to) query = query.lt("occurred_at", server.to);
  if (server.action) query = query.in("action", server.action);
  if (server.actorId) query = query.eq("actor_id", server.actorId);
  if (server.target) {
    query = isUuid(server.target)
      ? query.eq("target_user_id", server.target)
      : query.ilike("target_email", containsPattern(server.target));
  }
  if (cursor) {
    const t = cursor.occurredAt;
    query = query
      .lte("occurred_at", t)
      .or(`occurred_at.lt.${t},and(occurred_at.eq.${t},id.lt.${cursor.id})`);
  }
  return query
    .order("occurred_at", { ascending: false })
    .order("id", { ascending: false })
    .limit(auditPageSize);
}

/**
 * One page of the log, newest first. Pages after the first continue from `cursor` with the
 * keyset filter of docs/database.md §4, so page 20,000 costs what page 1 does.
 */
export async function getAuditEvents(
  orgId: string,
  filters: AuditFilters,
  cursor: AuditCursor | null,
): Promise<AuditPage> {
  const server = toServerFilters(filters);
  const { data, error } = server.q
    ? await searchEvents(orgId, server, server.q, cursor)
    : await listEvents(orgId, server, cursor);
  if (error) throw error;
  const events = data.map(toAuditEvent);
  const names = await getDisplayNames(
    events.flatMap((event) => [event.actorId, event.targetUserId]).filter((id) => id !== null),
  );
  return { events, names };
}

export function getAuditEventsQueryOptions(orgId: string, filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: auditKeys.events(orgId, filters),
    queryFn: ({ pageParam }) => getAuditEvents(orgId, filters, pageParam),
    initialPageParam: null as AuditCursor | null,
    getNextPageParam: (page): AuditCursor | null => {
      const last = page.events.at(-1);
      return page.events.length === auditPageSize && last
        ? { occurredAt: last.occurredAt, id: last.id }
        : null;
    },
  });
}

export function useAuditEvents(orgId: string, filters: AuditFilters) {
  return useInfiniteQuery(getAuditEventsQueryOptions(orgId, filters));
}
