import type { AuditFilters } from "../utils/audit-filters";

export const auditKeys = {
  all: ["audit"] as const,
  events: (orgId: string, filters: AuditFilters) =>
    [...auditKeys.all, orgId, "events", filters] as const,
  event: (orgId: string, id: number) => [...auditKeys.all, orgId, "event", id] as const,
  chain: (orgId: string) => [...auditKeys.all, orgId, "chain"] as const,
  people: (orgId: string) => [...auditKeys.all, orgId, "people"] as const,
  actions: (orgId: string) => [...auditKeys.all, orgId, "actions"] as const,
};
