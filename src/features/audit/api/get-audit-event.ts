import { queryOptions, useQuery } from "@tanstack/react-query";
import { getDisplayNames } from "@/lib/display-names";
import { supabase } from "@/lib/supabase";
import { auditEventColumns, type AuditPage, toAuditEvent } from "./get-audit-events";
import { auditKeys } from "./keys";

/** One event by id, for the detail drawer (also when opened from a shared link). */
export async function getAuditEvent(orgId: string, id: number): Promise<AuditPage> {
  const { data, error } = await supabase
    .from("audit_events")
    .select(auditEventColumns)
    .eq("org_id", orgId)
    .eq("id", id)
    .maybeSingle();
  if (error) throw error;
  if (!data) return { events: [], names: {} };
  const event = toAuditEvent(data);
  const names = await getDisplayNames(
    [event.actorId, event.targetUserId].filter((userId) => userId !== null),
  );
  return { events: [event], names };
}

export function getAuditEventQueryOptions(orgId: string, id: number) {
  return queryOptions({
    queryKey: auditKeys.event(orgId, id),
    queryFn: () => getAuditEvent(orgId, id),
  });
}

export function useAuditEvent(orgId: string, id: number | null) {
  return useQuery({ ...getAuditEventQueryOptions(orgId, id ?? 0), enabled: id !== null });
}
