// Chain verification at any size (issue 11): verify_audit_chain hashes only what was added since
// the last checkpoint, in bounded chunks; start_audit_full_check re-verifies the whole chain as a
// background job (the stack's scheduler runs it, as pg_cron does on hosted Supabase), which is
// what finds tampering before the checkpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActorAfterSetup,
  closePools,
  ownerPool,
  refusal,
  rpc,
  tamperAuditLog,
  type TestUser,
} from "../support/db.ts";
import { createOrgFixture, type OrgFixture } from "../support/org.ts";

afterAll(closePools);

interface Verdict {
  ok: boolean;
  checked: string;
  first_broken_id: string | null;
  verified_through_id: string | null;
  verified_through_at: string | null;
  checked_at: string | null;
  full_check_state: "never" | "running" | "done" | "broken";
  full_check_done: string | null;
  full_check_total: string | null;
  full_check_finished_at: string | null;
}

const EVENTS = 25_000; // more than two chunks of 10,000

let f: OrgFixture;

const verify = async (actor: TestUser["actor"], orgId = f.orgId) =>
  (await rpc<Verdict>(actor, "verify_audit_chain", { p_org_id: orgId }))[0]!;

async function eventIds(orgId: string): Promise<string[]> {
  const { rows } = await ownerPool.query<{ event_id: string }>(
    "select id::text as event_id from roster.audit_events where org_id = $1 order by id",
    [orgId],
  );
  return rows.map((row) => row.event_id);
}

// Appends events the way a direct insert would (the chain trigger links each one).
async function appendEvents(orgId: string, count: number): Promise<void> {
  await ownerPool.query(
    `insert into roster.audit_events (org_id, actor_kind, action, reason, hash)
     select $1, 'system', 'org.updated', format('bulk %s', g), '\\x'::bytea from generate_series(1, $2::int) g`,
    [orgId, count],
  );
}

const tamper = (sql: string, params: unknown[]) => tamperAuditLog([[sql, params]]);

// Calls verify until the chain is verified through its newest event; answers every verdict.
async function verifyToHead(actor: TestUser["actor"], orgId: string): Promise<Verdict[]> {
  const newest = (await eventIds(orgId)).at(-1);
  const verdicts: Verdict[] = [];
  while (verdicts.length < 100) {
    const verdict = await verify(actor, orgId);
    verdicts.push(verdict);
    if (!verdict.ok || verdict.verified_through_id === newest) return verdicts;
  }
  throw new Error("verify_audit_chain never reached the head");
}

// Starts a full check and waits (polling, no deadline assertion) until the scheduler ends it.
async function fullCheck(actor: TestUser["actor"], orgId: string): Promise<Verdict> {
  await rpc(actor, "start_audit_full_check", { p_org_id: orgId });
  for (;;) {
    const verdict = await verify(actor, orgId);
    if (verdict.full_check_state !== "running") return verdict;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  f = await createOrgFixture("audit-checkpoints");
  await appendEvents(f.orgId, EVENTS);
}, 120_000);

describe("verify_audit_chain, incremental from checkpoints", () => {
  it("verifies a long chain over several calls, each hashing only what is new", async () => {
    const ids = await eventIds(f.orgId);
    const verdicts = await verifyToHead(f.viewer.actor, f.orgId);
    expect(verdicts.every((verdict) => verdict.ok)).toBe(true);
    expect(verdicts.reduce((sum, verdict) => sum + Number(verdict.checked), 0)).toBe(ids.length);
    const last = verdicts.at(-1)!;
    const { rows } = await ownerPool.query<{ occurred_at: Date }>(
      "select occurred_at from roster.audit_events where id = $1",
      [ids.at(-1)],
    );
    expect(new Date(last.verified_through_at!).toISOString()).toBe(
      rows[0]!.occurred_at.toISOString(),
    );
    expect(last.full_check_state).toBe("never");

    // nothing new: nothing hashed, the checkpoint stays where it was
    const again = await verify(f.admin.actor);
    expect(again).toMatchObject({ ok: true, checked: "0", verified_through_id: ids.at(-1) });
    expect(again.checked_at).toEqual(last.checked_at);

    await appendEvents(f.orgId, 3);
    const next = await verify(f.admin.actor);
    expect(next).toMatchObject({ ok: true, checked: "3" });
    expect(next.verified_through_id).toBe((await eventIds(f.orgId)).at(-1));
  });

  it("records who verified through which event", async () => {
    const verdict = await verify(f.owner.actor);
    await appendEvents(f.orgId, 1);
    const after = await verify(f.viewer.actor);
    const { rows } = await ownerPool.query(
      // c.verified_through_id: the bare name would sort by the text output column ('9…' > '10…')
      `select c.verified_through_id::text, c.checked_by, c.kind from roster_private.audit_chain_checkpoints c
       where c.org_id = $1 order by c.verified_through_id desc limit 1`,
      [f.orgId],
    );
    expect(rows[0]).toEqual({
      verified_through_id: after.verified_through_id,
      checked_by: f.viewer.userId,
      kind: "incremental",
    });
    expect(Number(after.verified_through_id)).toBeGreaterThan(Number(verdict.verified_through_id));
  });

  it("reports a change to the checkpointed event itself", async () => {
    const g = await createOrgFixture("audit-checkpoint-edit");
    const verdict = await verify(g.owner.actor, g.orgId);
    await tamper("update roster.audit_events set hash = sha256(hash) where id = $1", [
      verdict.verified_through_id,
    ]);
    expect(await verify(g.owner.actor, g.orgId)).toMatchObject({
      ok: false,
      first_broken_id: verdict.verified_through_id,
    });
  });

  it("reports events cut off the end after the checkpoint", async () => {
    const g = await createOrgFixture("audit-checkpoint-cut");
    await verify(g.owner.actor, g.orgId);
    await appendEvents(g.orgId, 3);
    const ids = await eventIds(g.orgId);
    await tamper("delete from roster.audit_events where id = any($1::bigint[])", [ids.slice(-2)]);
    expect(await verify(g.owner.actor, g.orgId)).toMatchObject({
      ok: false,
      first_broken_id: ids.at(-1),
    });
  });
});

describe("start_audit_full_check", () => {
  // The long chain of the first describe block, verified up to now by the incremental calls.
  it("re-verifies the whole chain in the background and records a full checkpoint", async () => {
    const ids = await eventIds(f.orgId);
    const verdict = await fullCheck(f.admin.actor, f.orgId);
    expect(verdict).toMatchObject({
      ok: true,
      first_broken_id: null,
      full_check_state: "done",
      full_check_done: String(ids.length),
      full_check_total: String(ids.length),
      verified_through_id: ids.at(-1),
    });
    expect(verdict.full_check_finished_at).not.toBeNull();
    const { rows } = await ownerPool.query(
      `select kind, checked_by from roster_private.audit_chain_checkpoints
       where org_id = $1 and verified_through_id = $2`,
      [f.orgId, ids.at(-1)],
    );
    expect(rows).toContainEqual({ kind: "full", checked_by: null });
  });

  // The incremental check trusts what it verified before; the full run trusts nothing.
  it("finds tampering before the last checkpoint, and keeps reporting it", async () => {
    await verifyToHead(f.owner.actor, f.orgId);
    const ids = await eventIds(f.orgId);
    const early = ids[1000]!;
    await tamper("update roster.audit_events set reason = 'forged' where id = $1", [early]);
    expect(await verify(f.owner.actor, f.orgId)).toMatchObject({ ok: true, checked: "0" });

    expect(await fullCheck(f.viewer.actor, f.orgId)).toMatchObject({
      ok: false,
      first_broken_id: early,
      full_check_state: "broken",
    });
    await appendEvents(f.orgId, 1);
    expect(await verify(f.owner.actor, f.orgId)).toMatchObject({
      ok: false,
      first_broken_id: early,
    });
  });

  it("finds a deleted event the chain skipped over", async () => {
    const g = await createOrgFixture("audit-full-gap");
    await verifyToHead(g.owner.actor, g.orgId);
    const ids = await eventIds(g.orgId);
    await tamper("delete from roster.audit_events where id = $1", [ids[2]]);
    expect(await fullCheck(g.owner.actor, g.orgId)).toMatchObject({
      ok: false,
      first_broken_id: ids[3],
      full_check_state: "broken",
    });
  });

  it("does nothing while a run is under way", async () => {
    const progress = await asActorAfterSetup(
      (client) =>
        client.query(
          `insert into roster_private.audit_full_checks (org_id, state, requested_by, target_id, total, done)
           values ($1, 'running', $2, 1, 2, 1)
           on conflict (org_id) do update set state = 'running', done = 1, total = 2, requested_by = $2`,
          [f.orgId, f.owner.userId],
        ),
      f.viewer.actor,
      async (client) => {
        await client.query("select roster.start_audit_full_check($1)", [f.orgId]);
        return (
          await client.query(
            "select full_check_state, full_check_done, full_check_total from roster.verify_audit_chain($1)",
            [f.orgId],
          )
        ).rows[0];
      },
    );
    expect(progress).toEqual({
      full_check_state: "running",
      full_check_done: "1",
      full_check_total: "2",
    });
  });

  it.each([
    ["member", "forbidden"],
    ["suspended", "not_found"],
    ["outsider", "not_found"],
  ] as const)("refuses a %s with %s", async (position, hint) => {
    expect(
      await refusal(rpc(f[position].actor, "start_audit_full_check", { p_org_id: f.orgId })),
    ).toMatchObject({ hint });
  });

  it("refuses a malformed org id with invalid_input", async () => {
    expect(
      await refusal(rpc(f.owner.actor, "start_audit_full_check", { p_org_id: "nope" })),
    ).toMatchObject({ hint: "invalid_input", code: "22023" });
  });
});
