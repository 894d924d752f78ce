import { http, HttpResponse } from "msw";
import { env } from "@/config/env";
import { people } from "@/testing/fake-org";
import { server } from "@/testing/server";
import type { Database } from "@/types/database.types";

type Row = Database["roster"]["Tables"]["audit_events"]["Row"];

const rest = `${env.supabaseUrl}/rest/v1`;

export function auditRow(id: number, fields: Partial<Row> = {}): Row {
  return {
    id,
    org_id: "0b6f8f4e-9c1d-4c55-8f0e-2a8d1c6b7e01",
    occurred_at: new Date(Date.now() - id * 3_600_000).toISOString(),
    actor_kind: "user",
    actor_id: people.dana.id,
    actor_email: people.dana.email,
    actor_name: null,
    action: "member.suspended",
    target_user_id: people.mo.id,
    target_email: people.mo.email,
    target_name: null,
    target_invitation_id: null,
    reason: null,
    before: null,
    after: null,
    ip: "203.0.113.9",
    user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
    prev_hash: null,
    hash: "\\x00",
    ...fields,
  };
}

/** A role change, a suspension and an invitation: the log a small organization starts with. */
export function sampleEvents(): Row[] {
  return [
    auditRow(3, {
      action: "member.role_changed",
      reason: "Runs the front desk now",
      before: { role: "viewer" },
      after: { role: "member" },
    }),
    auditRow(2, { action: "member.suspended", reason: "On leave" }),
    auditRow(1, {
      action: "invitation.created",
      target_user_id: null,
      target_email: "ivy@acme.test",
      after: { email: "ivy@acme.test", role: "viewer" },
    }),
  ];
}

type SearchArgs = Database["roster"]["Functions"]["search_audit_events"]["Args"];

/**
 * Serves `events` as the audit log (newest first, whatever the filters: tests read the request
 * URLs in `requests`, and the text searches' arguments in `searches`, to check what was asked),
 * the people's names, the distinct actions in `events`, and the chain verification.
 */
export function installFakeAudit(
  events: Row[] = sampleEvents(),
  chain = { ok: true, checked: events.length, first_broken_id: null as number | null },
) {
  const requests: URL[] = [];
  const searches: SearchArgs[] = [];
  server.use(
    http.post(`${rest}/rpc/search_audit_events`, async ({ request }) => {
      const args = (await request.json()) as SearchArgs;
      searches.push(args);
      const older = args.p_before_id
        ? events.filter((event) => event.id < args.p_before_id!)
        : events;
      return HttpResponse.json(older.slice(0, args.p_limit ?? 50));
    }),
    http.get(`${rest}/audit_events`, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url);
      const id = url.searchParams.get("id");
      if (id) {
        const row = events.find((event) => `eq.${event.id}` === id);
        return HttpResponse.json(row ? [row] : []);
      }
      // The keyset cursor: continue after the id in the or=(…id.lt.<id>) expression.
      const after = /id\.lt\.(\d+)/.exec(url.searchParams.get("or") ?? "")?.[1];
      const older = after ? events.filter((event) => event.id < Number(after)) : events;
      return HttpResponse.json(older.slice(0, Number(url.searchParams.get("limit") ?? 50)));
    }),
    http.get(`${rest}/profiles`, () =>
      HttpResponse.json([
        { user_id: people.dana.id, display_name: people.dana.name },
        { user_id: people.mo.id, display_name: people.mo.name },
      ]),
    ),
    http.post(`${rest}/rpc/verify_audit_chain`, () => HttpResponse.json(chain)),
    http.post(`${rest}/rpc/audit_actions`, () =>
      HttpResponse.json(
        [...new Set(events.map((event) => event.action))].sort().map((action) => ({ action })),
      ),
    ),
    http.post(`${rest}/rpc/audit_actors`, () =>
      HttpResponse.json([
        { actor_id: people.dana.id, name: people.dana.name },
        { actor_id: people.mo.id, name: people.mo.name },
      ]),
    ),
  );
  return { requests, searches };
}
