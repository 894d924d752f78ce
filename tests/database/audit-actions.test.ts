// audit_actions: the actions the audit page's Action filter offers, Roster's own and the app's
// (`roster.audit`, docs/adopting.md). Only audit.read holders get an answer, refused exactly as
// audit_actors refuses; another org's actions never appear; and the answer costs what it returns:
// one index probe per action, however many events the org holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asActor, closePools, ownerPool, refusal, rpc, type Actor } from "../support/db.ts";
import { createOrgFixture, type OrgFixture, type Position } from "../support/org.ts";

afterAll(closePools);

// Many events of one action: a `select distinct` would read them all.
const BULK_EVENTS = 2_000;

let f: OrgFixture;
let other: OrgFixture;

beforeAll(async () => {
  [f, other] = await Promise.all([
    createOrgFixture("audit-actions"),
    createOrgFixture("audit-actions-other"),
  ]);
  // as an app's SECURITY DEFINER function would, through the app API (areas registered by the
  // example migration)
  await ownerPool.query(
    `select roster.audit($1, a) from unnest(array['customers.created', 'conversations.closed']) a`,
    [f.orgId],
  );
  await ownerPool.query(
    `select roster.audit($1, 'customers.updated') from generate_series(1, $2::int)`,
    [f.orgId, BULK_EVENTS],
  );
  await ownerPool.query(`select roster.audit($1, 'customers.deleted')`, [other.orgId]);
  await ownerPool.query("analyze roster.audit_events");
}, 120_000);

const actionsOf = async (actor: Actor, orgId = f.orgId) =>
  (await rpc<{ action: string }>(actor, "audit_actions", { p_org_id: orgId })).map(
    (row) => row.action,
  );

describe("audit_actions", () => {
  it.each<Position>(["owner", "admin", "viewer"])(
    "gives the %s every action in the org's log once, in order, app actions included",
    async (position) => {
      const { rows } = await ownerPool.query<{ action: string }>(
        "select distinct action from roster.audit_events where org_id = $1 order by action",
        [f.orgId],
      );
      const actions = await actionsOf(f[position].actor);
      expect(actions).toEqual(rows.map((row) => row.action));
      expect(actions).toEqual(
        expect.arrayContaining([
          "conversations.closed",
          "customers.created",
          "customers.updated",
          "invitation.accepted",
          "member.suspended",
        ]),
      );
    },
  );

  it("never lists another organization's actions", async () => {
    expect(await actionsOf(f.owner.actor)).not.toContain("customers.deleted");
    expect(await actionsOf(other.owner.actor, other.orgId)).toContain("customers.deleted");
  });

  it.each<[string, () => Actor]>([
    ["a member without audit.read", () => f.member.actor],
    ["a suspended member", () => f.suspended.actor],
    ["a removed member", () => f.removed.actor],
    ["an outsider", () => f.outsider.actor],
    ["another org's owner", () => other.owner.actor],
    ["anon", () => ({ role: "anon" })],
  ])("refuses %s exactly as audit_actors does", async (_label, actor) => {
    const args = { p_org_id: f.orgId };
    const expected = await refusal(rpc(actor(), "audit_actors", args));
    const error = await refusal(rpc(actor(), "audit_actions", args));
    expect({ code: error.code, hint: error.hint, message: error.message }).toEqual({
      code: expected.code,
      hint: expected.hint,
      message: expected.message.replace("audit_actors", "audit_actions"),
    });
  });

  it("steps through audit_events_org_action_idx: one probe per action, no sequential scan", async () => {
    // What the call read, as the difference in this backend's counters around it: pending
    // counters are flushed only between transactions, so nothing else moves them meanwhile.
    const counters = `select pg_stat_get_xact_numscans('roster.audit_events_org_action_idx'::regclass)::int as probes,
        pg_stat_get_xact_tuples_returned('roster.audit_events_org_action_idx'::regclass)::int as entries,
        coalesce((select t.seq_scan::int from pg_stat_xact_user_tables t
                  where t.schemaname = 'roster' and t.relname = 'audit_events'), 0) as seq_scans`;
    type Counters = { probes: number; entries: number; seq_scans: number };
    const { actions, read } = await asActor(f.admin.actor, async (client) => {
      const before = (await client.query<Counters>(counters)).rows[0]!;
      const result = await client.query<{ action: string }>(
        "select * from roster.audit_actions(p_org_id => $1)",
        [f.orgId],
      );
      const after = (await client.query<Counters>(counters)).rows[0]!;
      return {
        actions: result.rows.map((row) => row.action),
        read: {
          probes: after.probes - before.probes,
          entries: after.entries - before.entries,
          seq_scans: after.seq_scans - before.seq_scans,
        },
      };
    });
    expect(actions.length).toBeGreaterThan(5);
    // each action found, then the probe that finds none after the last; one index entry each,
    // though the org holds more than BULK_EVENTS events
    expect(read).toEqual({ probes: actions.length + 1, entries: actions.length, seq_scans: 0 });
  });
});
