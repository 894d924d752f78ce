// Races (DESIGN.md §4 invariants 2, 6, 8): several real connections fire conflicting RPCs at one
// organization at the same moment. Each connection opens its transaction exactly as PostgREST
// does (log in as `authenticator`, switch role, set the JWT claims), then every call is sent in
// the same tick. Half of the trials go further and hold the organization row from a superuser
// connection until every racer is blocked on it, then let them all go at once, so the
// transactions provably overlap; the other half run free. After every trial: exactly one active
// owner, no double use, one audit event per successful call and an intact hash chain.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { stackConfig } from "../../supabase/local/config.ts";
import {
  claimsOf,
  closePools,
  createUser,
  rpc,
  ownerPool,
  type Actor,
  type TestUser,
} from "../support/db.ts";
import { addMember, createOrg, activeOwners, membershipOf } from "../support/org.ts";
import { stackEnv } from "../support/stack.ts";

const TRIALS = 50;
const BATCH = 5; // trials (each on its own organization) set up and raced side by side

const authenticatorUrl = new URL(stackEnv.DB_URL);
authenticatorUrl.username = "authenticator";
authenticatorUrl.password = stackConfig().authenticatorPassword;
// Racers get their own connections, apart from the shared pools the setup uses.
const racerPool = new pg.Pool({
  connectionString: authenticatorUrl.toString(),
  max: 3 * BATCH + 2,
});
const gatePool = new pg.Pool({ connectionString: stackEnv.DB_URL, max: BATCH + 1 });

afterAll(async () => {
  await Promise.all([racerPool.end(), gatePool.end()]);
  await closePools();
});

const service: Actor = { role: "service_role" };

interface Call {
  label: string;
  actor: Actor;
  fn: string;
  args: Record<string, unknown>;
  // hints this call may legitimately be refused with, depending on who wins
  mayFail: string[];
}

type Outcome =
  | { label: string; fn: string; ok: true; rows: Record<string, unknown>[] }
  | {
      label: string;
      fn: string;
      ok: false;
      code: string;
      hint: string | undefined;
      message: string;
    };

interface Trial {
  orgId: string;
  name: string;
  owner: TestUser;
  people: TestUser[];
}

const auditActionOf: Record<string, string> = {
  accept_invitation: "invitation.accepted",
  revoke_invitation: "invitation.revoked",
  resend_invitation: "invitation.resent",
  accept_ownership_transfer: "ownership.transfer_accepted",
  cancel_ownership_transfer: "ownership.transfer_cancelled",
  request_ownership_transfer: "ownership.transfer_requested",
  leave_organization: "member.left",
  change_member_role: "member.role_changed",
  suspend_member: "member.suspended",
  remove_member: "member.removed",
  support_restore_access: "support.access_restored",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function execute(client: pg.PoolClient, call: Call): Promise<Outcome> {
  const names = Object.keys(call.args);
  const params = names.map((key, i) => `${key} => $${i + 1}`).join(", ");
  try {
    const { rows } = await client.query<Record<string, unknown>>(
      `select * from public.${call.fn}(${params})`,
      Object.values(call.args),
    );
    // commit can fail too (deferred constraint triggers): that counts as a refusal
    await client.query("commit");
    return { label: call.label, fn: call.fn, ok: true, rows };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    const e = error as { code?: string; hint?: string; message: string };
    return {
      label: call.label,
      fn: call.fn,
      ok: false,
      code: e.code ?? "?",
      hint: e.hint,
      message: e.message,
    };
  }
}

// Holds the organization row so every racer blocks on it; released once all of them wait.
async function closeGate(orgId: string): Promise<pg.PoolClient> {
  const gate = await gatePool.connect();
  try {
    await gate.query("begin");
    await gate.query("select 1 from roster.organizations where id = $1 for update", [orgId]);
    return gate;
  } catch (error) {
    gate.release(true);
    throw error;
  }
}

async function openGateWhenAllWait(
  gate: pg.PoolClient,
  pids: number[],
  settled: Set<number>,
): Promise<void> {
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await gate.query<{ waiting: number }>(
        "select count(distinct pid)::int as waiting from pg_catalog.pg_locks where not granted and pid = any($1::int[])",
        [pids],
      );
      if (rows[0]!.waiting + settled.size >= pids.length) return;
      if (Date.now() > deadline)
        throw new Error(
          `racers never all blocked on the organization row (${rows[0]!.waiting}/${pids.length})`,
        );
      await sleep(1);
    }
  } finally {
    await gate.query("commit");
    gate.release();
  }
}

async function race(orgId: string, calls: Call[], gated: boolean): Promise<Outcome[]> {
  const clients: pg.PoolClient[] = [];
  let broken = false;
  try {
    for (let i = 0; i < calls.length; i += 1) clients.push(await racerPool.connect());
    // Every transaction is open, with its role and claims, before any call is sent.
    const pids = await Promise.all(
      clients.map(async (client, i) => {
        const actor = calls[i]!.actor;
        await client.query("begin");
        const { rows } = await client.query<{ pid: number }>(
          `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
                  set_config('request.headers', $3, true), pg_catalog.pg_backend_pid() as pid`,
          [
            actor.role,
            JSON.stringify(claimsOf(actor)),
            JSON.stringify({ "user-agent": "roster-races", "cf-connecting-ip": "203.0.113.9" }),
          ],
        );
        return rows[0]!.pid;
      }),
    );
    const gate = gated ? await closeGate(orgId) : undefined;
    const settled = new Set<number>();
    // the barrier: all calls leave in the same tick
    const running = calls.map((call, i) =>
      execute(clients[i]!, call).finally(() => settled.add(i)),
    );
    const opened = gate ? openGateWhenAllWait(gate, pids, settled) : Promise.resolve();
    // wait for the calls even when the gate failed, so no client is released mid-query
    const [outcomes, gateResult] = await Promise.allSettled([Promise.all(running), opened]);
    if (gateResult.status === "rejected") throw gateResult.reason;
    return (outcomes as PromiseFulfilledResult<Outcome[]>).value;
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // a connection that may still be inside a transaction is discarded, not reused
    for (const client of clients) client.release(broken);
  }
}

async function maxAuditId(orgId: string): Promise<string> {
  const { rows } = await ownerPool.query<{ id: string }>(
    "select coalesce(max(id), 0)::text as id from roster.audit_events where org_id = $1",
    [orgId],
  );
  return rows[0]!.id;
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.ok) return `${outcome.label}:ok`;
  // stable hint keys are snake_case; anything else (deadlock, constraint) shows its SQLSTATE
  return `${outcome.label}:${outcome.hint && /^[a-z_]+$/.test(outcome.hint) ? outcome.hint : `code ${outcome.code}`}`;
}

// The checks every trial ends with, whoever won.
async function assertConsistent(
  trial: Trial,
  calls: Call[],
  auditBefore: string,
  outcomes: Outcome[],
): Promise<void> {
  const context = outcomes.map(describeOutcome).join(", ");

  // each call either succeeded or was refused with a hint it may legitimately get
  for (const [i, outcome] of outcomes.entries()) {
    if (!outcome.ok) {
      expect(
        outcome.code,
        `${outcome.label} raised ${outcome.code} (${outcome.message}) [${context}]`,
      ).not.toMatch(/^(40P01|40001|XX|5)/);
      expect(
        calls[i]!.mayFail,
        `${outcome.label} refused unexpectedly: ${outcome.message} [${context}]`,
      ).toContain(outcome.hint);
    }
  }

  // invariant 2: exactly one active owner, and no owner row that is not active
  const owners = await activeOwners(trial.orgId);
  expect(owners, `active owners after [${context}]`).toHaveLength(1);
  const { rows: ownerRows } = await ownerPool.query<{ n: number }>(
    `select count(*)::int as n from roster.memberships where org_id = $1 and role = 'owner'`,
    [trial.orgId],
  );
  expect(ownerRows[0]!.n, `owner rows after [${context}]`).toBe(1);

  // single use: an invitation is accepted at most once, and exactly once iff its status says so;
  // an accepted invitation's user has exactly one membership row in the org
  const { rows: invitations } = await ownerPool.query<{
    id: string;
    status: string;
    accepted_by: string | null;
    accepted_events: number;
    memberships: number;
  }>(
    `select i.id, i.status::text, i.accepted_by,
            (select count(*)::int from roster.audit_events a
              where a.org_id = i.org_id and a.target_invitation_id = i.id and a.action = 'invitation.accepted') as accepted_events,
            (select count(*)::int from roster.memberships m where m.org_id = i.org_id and m.user_id = i.accepted_by) as memberships
     from roster.invitations i where i.org_id = $1`,
    [trial.orgId],
  );
  for (const invitation of invitations) {
    expect(
      invitation.accepted_events,
      `invitation.accepted events for ${invitation.status} invitation [${context}]`,
    ).toBe(invitation.status === "accepted" ? 1 : 0);
    if (invitation.status === "accepted")
      expect(invitation.memberships, `memberships of the accepting user [${context}]`).toBe(1);
  }

  // at most one pending transfer
  const { rows: pending } = await ownerPool.query<{ n: number }>(
    `select count(*)::int as n from roster.ownership_transfers where org_id = $1 and status = 'pending'`,
    [trial.orgId],
  );
  expect(pending[0]!.n, `pending transfers after [${context}]`).toBeLessThanOrEqual(1);

  // invariant 7: one event per successful call, none for refused ones
  const { rows: events } = await ownerPool.query<{ action: string }>(
    "select action from roster.audit_events where org_id = $1 and id > $2 order by id",
    [trial.orgId, auditBefore],
  );
  const expected = outcomes
    .filter((o) => o.ok)
    .map((o) => auditActionOf[o.fn] ?? `unmapped ${o.fn}`);
  expect(events.map((e) => e.action).sort(), `audit events written by [${context}]`).toEqual(
    expected.sort(),
  );

  // and the chain is intact, as the (current) owner sees it
  const owner = trial.people.find((person) => person.userId === owners[0]);
  expect(owner, "the owner is one of the trial people").toBeDefined();
  const [chain] = await rpc<{ ok: boolean; first_broken_id: string | null }>(
    owner!.actor,
    "verify_audit_chain",
    { p_org_id: trial.orgId },
  );
  expect(chain, `verify_audit_chain after [${context}]`).toMatchObject({
    ok: true,
    first_broken_id: null,
  });
}

type Scenario<T extends Trial> = {
  setup: (index: number) => Promise<T>;
  calls: (trial: T, index: number) => Call[];
  // scenario-specific checks (who must have won, resulting rows)
  check: (trial: T, outcomes: Outcome[]) => Promise<void>;
};

const report: string[] = [];

// Promise.all that waits for every promise before rethrowing the first failure.
async function settleAll<T>(promises: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

async function runScenario<T extends Trial>(
  title: string,
  scenario: Scenario<T>,
): Promise<Map<string, number>> {
  const tally = new Map<string, number>();
  const started = Date.now();
  for (let start = 0; start < TRIALS; start += BATCH) {
    const indexes = Array.from({ length: Math.min(BATCH, TRIALS - start) }, (_, j) => start + j);
    const trials = await settleAll(indexes.map((index) => scenario.setup(index)));
    // every trial of the batch finishes before a failure is reported, so nothing keeps running
    await settleAll(
      trials.map(async (trial, j) => {
        const index = indexes[j]!;
        const gated = index % 2 === 0;
        const calls = scenario.calls(trial, index);
        const auditBefore = await maxAuditId(trial.orgId);
        const outcomes = await race(trial.orgId, calls, gated);
        const key = `${gated ? "gated" : "free "} ${outcomes.map(describeOutcome).join(", ")}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        await scenario.check(trial, outcomes);
        await assertConsistent(trial, calls, auditBefore, outcomes);
      }),
    );
  }
  const lines = [...tally.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([key, n]) => `    ${String(n).padStart(3)} × ${key}`);
  const summary = `${title} (${TRIALS} trials, ${((Date.now() - started) / 1000).toFixed(1)} s)\n${lines.join("\n")}`;
  report.push(summary);
  return tally;
}

function outcome(outcomes: Outcome[], label: string): Outcome {
  const found = outcomes.find((o) => o.label === label);
  if (!found) throw new Error(`no outcome labelled ${label}`);
  return found;
}

function winners(outcomes: Outcome[]): string[] {
  return outcomes.filter((o) => o.ok).map((o) => o.label);
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------
interface TransferTrial extends Trial {
  recipient: TestUser;
  other: TestUser;
  admin: TestUser;
  transferId: string;
}

// Owner, an admin, the recipient of a pending transfer (with the given role) and one more member.
async function transferFixture(
  label: string,
  recipientRole: "admin" | "member",
): Promise<TransferTrial> {
  const { orgId, name, owner } = await createOrg(label);
  const [recipient, other, admin] = await Promise.all([
    createUser(`${label}-to`),
    createUser(`${label}-other`),
    createUser(`${label}-admin`),
  ]);
  await addMember(orgId, owner.actor, recipient!, recipientRole);
  await addMember(orgId, owner.actor, other!, "member");
  await addMember(orgId, owner.actor, admin!, "admin");
  const [transfer] = await rpc<{ id: string }>(owner.actor, "request_ownership_transfer", {
    p_org_id: orgId,
    p_to_user_id: recipient!.userId,
    p_confirm_name: name,
  });
  return {
    orgId,
    name,
    owner,
    recipient: recipient!,
    other: other!,
    admin: admin!,
    transferId: transfer!.id,
    people: [owner, recipient!, other!, admin!],
  };
}

interface InvitationTrial extends Trial {
  invitee: TestUser;
  stranger: TestUser;
  invitationId: string;
  token: string;
}

async function invitationFixture(label: string): Promise<InvitationTrial> {
  const { orgId, name, owner } = await createOrg(label);
  const [invitee, stranger] = await Promise.all([
    createUser(`${label}-invitee`),
    createUser(`${label}-stranger`),
  ]);
  const [invitation] = await rpc<{ token: string; invitation_id: string }>(
    owner.actor,
    "create_invitations",
    {
      p_org_id: orgId,
      p_emails: [invitee!.email],
      p_role: "member",
    },
  );
  return {
    orgId,
    name,
    owner,
    invitee: invitee!,
    stranger: stranger!,
    invitationId: invitation!.invitation_id,
    token: invitation!.token,
    people: [owner, invitee!, stranger!],
  };
}

async function invitationStatus(invitationId: string): Promise<string> {
  const { rows } = await ownerPool.query<{ status: string }>(
    "select status::text from roster.invitations where id = $1",
    [invitationId],
  );
  return rows[0]!.status;
}

async function transferStatus(transferId: string): Promise<string> {
  const { rows } = await ownerPool.query<{ status: string }>(
    "select status::text from roster.ownership_transfers where id = $1",
    [transferId],
  );
  return rows[0]!.status;
}

const acceptTransfer = (t: TransferTrial): Call => ({
  label: "accept",
  actor: t.recipient.actor,
  fn: "accept_ownership_transfer",
  args: { p_transfer_id: t.transferId },
  mayFail: [],
});

const ownerLeaves = (t: Trial): Call => ({
  label: "leave",
  actor: t.owner.actor,
  fn: "leave_organization",
  args: { p_org_id: t.orgId },
  mayFail: ["last_owner"],
});

// ---------------------------------------------------------------------------------------------
// (a) the owner role under concurrent requests
// ---------------------------------------------------------------------------------------------
describe("races on the owner role (invariant 2)", () => {
  it("owner leaves while the transfer is accepted and support restores a third member", async () => {
    const tally = await runScenario(
      "owner leaves ∥ transfer accepted ∥ support restores another member",
      {
        setup: () => transferFixture("race-a1", "admin"),
        calls: (t) => [
          ownerLeaves(t),
          { ...acceptTransfer(t), mayFail: ["transfer_closed"] },
          {
            label: "support",
            actor: service,
            fn: "support_restore_access",
            args: {
              p_org_id: t.orgId,
              p_email: t.other.email,
              p_ticket: "RACE-1",
              p_operator: "race-bot",
            },
            mayFail: [],
          },
        ],
        check: async (t, outcomes) => {
          // support always runs and always ends up the last word on who owns the org
          expect(outcome(outcomes, "support").ok).toBe(true);
          expect(await activeOwners(t.orgId)).toEqual([t.other.userId]);
          // the owner could only leave after losing the owner role to one of the others
          const owner = await membershipOf(t.orgId, t.owner.userId);
          expect(owner).toMatchObject(
            outcome(outcomes, "leave").ok
              ? { role: "admin", status: "removed" }
              : { role: "admin", status: "active" },
          );
          const accepted = outcome(outcomes, "accept").ok;
          expect(await transferStatus(t.transferId)).toBe(accepted ? "accepted" : "pending");
          expect(await membershipOf(t.orgId, t.recipient.userId)).toMatchObject({
            role: "admin",
            status: "active",
          });
        },
      },
    );
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(TRIALS);
  });

  it("recipient accepts while the owner suspends, removes or demotes them and an admin tries to demote the owner", async () => {
    const actions = ["suspend_member", "remove_member", "change_member_role"] as const;
    await runScenario(
      "transfer accepted ∥ owner suspends/removes/demotes the recipient ∥ admin demotes the owner",
      {
        setup: () => transferFixture("race-a2", "member"),
        calls: (t, index) => {
          const fn = actions[index % actions.length]!;
          return [
            { ...acceptTransfer(t), mayFail: ["not_found"] },
            {
              label: {
                suspend_member: "suspend",
                remove_member: "remove",
                change_member_role: "demote",
              }[fn],
              actor: t.owner.actor,
              fn,
              args: {
                p_org_id: t.orgId,
                p_user_id: t.recipient.userId,
                p_reason: "Race trial",
                ...(fn === "change_member_role" ? { p_role: "viewer" } : {}),
              },
              mayFail: ["last_owner"],
            },
            {
              label: "admin-demotes-owner",
              actor: t.admin.actor,
              fn: "change_member_role",
              args: {
                p_org_id: t.orgId,
                p_user_id: t.owner.userId,
                p_role: "member",
                p_reason: "Race trial",
              },
              mayFail: ["last_owner", "role_too_high"],
            },
          ];
        },
        check: async (t, outcomes) => {
          const [accept, ownerAction, adminAction] = outcomes;
          expect(
            adminAction!.ok,
            "an admin never demotes the owner (nor the demoted owner, an admin)",
          ).toBe(false);
          expect(
            winners([accept!, ownerAction!]).length,
            "accept or the owner action (or both, when demotion came first)",
          ).toBeGreaterThanOrEqual(1);
          expect(await activeOwners(t.orgId)).toEqual([
            accept!.ok ? t.recipient.userId : t.owner.userId,
          ]);
          if (accept!.ok)
            expect(await membershipOf(t.orgId, t.owner.userId)).toMatchObject({
              role: "admin",
              status: "active",
            });
          expect(await transferStatus(t.transferId)).toBe(accept!.ok ? "accepted" : "pending");
        },
      },
    );
  });

  it("new owner demotes the old owner from a second connection while accepting; the old owner leaves", async () => {
    await runScenario("transfer accepted ∥ recipient demotes the owner ∥ owner leaves", {
      setup: () => transferFixture("race-a3", "admin"),
      calls: (t) => [
        acceptTransfer(t),
        {
          label: "demote-owner",
          actor: t.recipient.actor,
          fn: "change_member_role",
          args: {
            p_org_id: t.orgId,
            p_user_id: t.owner.userId,
            p_role: "member",
            p_reason: "Race trial",
          },
          mayFail: ["last_owner", "not_found"],
        },
        ownerLeaves(t),
      ],
      check: async (t, outcomes) => {
        expect(outcome(outcomes, "accept").ok).toBe(true);
        expect(await activeOwners(t.orgId)).toEqual([t.recipient.userId]);
        const old = await membershipOf(t.orgId, t.owner.userId);
        expect(old!.role).toBe(outcome(outcomes, "demote-owner").ok ? "member" : "admin");
        expect(old!.status).toBe(outcome(outcomes, "leave").ok ? "removed" : "active");
      },
    });
  });

  it("support restores the current owner while the transfer is accepted and the owner leaves", async () => {
    await runScenario("transfer accepted ∥ support restores the owner ∥ owner leaves", {
      setup: () => transferFixture("race-a4", "admin"),
      calls: (t) => [
        acceptTransfer(t),
        {
          label: "support",
          actor: service,
          fn: "support_restore_access",
          args: {
            p_org_id: t.orgId,
            p_email: t.owner.email.toUpperCase(),
            p_ticket: "RACE-4",
            p_operator: "race-bot",
          },
          mayFail: ["invalid_input"], // the target is already the owner
        },
        ownerLeaves(t),
      ],
      check: async (t, outcomes) => {
        expect(outcome(outcomes, "accept").ok).toBe(true);
        const restored = outcome(outcomes, "support").ok;
        expect(await activeOwners(t.orgId)).toEqual([
          restored ? t.owner.userId : t.recipient.userId,
        ]);
        expect(await membershipOf(t.orgId, t.recipient.userId)).toMatchObject({
          role: restored ? "admin" : "owner",
          status: "active",
        });
      },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// (b) single use of an invitation, (c) accept vs revoke / resend
// ---------------------------------------------------------------------------------------------
describe("races on one invitation (invariant 6)", () => {
  it("two accepts of one invitation by the invited user on two connections: exactly one membership", async () => {
    await runScenario("accept ∥ accept (same user, same token)", {
      setup: () => invitationFixture("race-b1"),
      calls: (t) =>
        ["accept-1", "accept-2"].map((label) => ({
          label,
          actor: t.invitee.actor,
          fn: "accept_invitation",
          args: { p_token: t.token },
          mayFail: ["invitation_used"],
        })),
      check: async (t, outcomes) => {
        expect(winners(outcomes), "exactly one accept wins").toHaveLength(1);
        expect(await invitationStatus(t.invitationId)).toBe("accepted");
        expect(await membershipOf(t.orgId, t.invitee.userId)).toMatchObject({
          role: "member",
          status: "active",
        });
      },
    });
  });

  it("the invited user and another user accept the same token at once: only the invited email joins", async () => {
    await runScenario("accept (invited user) ∥ accept (other user, same token)", {
      setup: () => invitationFixture("race-b2"),
      calls: (t) => [
        {
          label: "invitee",
          actor: t.invitee.actor,
          fn: "accept_invitation",
          args: { p_token: t.token },
          mayFail: [],
        },
        {
          label: "stranger",
          actor: t.stranger.actor,
          fn: "accept_invitation",
          args: { p_token: t.token },
          mayFail: ["invitation_email_mismatch", "invitation_used"],
        },
      ],
      check: async (t, outcomes) => {
        expect(winners(outcomes)).toEqual(["invitee"]);
        expect(await membershipOf(t.orgId, t.stranger.userId)).toBeUndefined();
        expect(await membershipOf(t.orgId, t.invitee.userId)).toMatchObject({ status: "active" });
      },
    });
  });

  it("accept vs revoke: exactly one wins", async () => {
    await runScenario("accept ∥ revoke", {
      setup: () => invitationFixture("race-c1"),
      calls: (t) => [
        {
          label: "accept",
          actor: t.invitee.actor,
          fn: "accept_invitation",
          args: { p_token: t.token },
          mayFail: ["invitation_revoked"],
        },
        {
          label: "revoke",
          actor: t.owner.actor,
          fn: "revoke_invitation",
          args: { p_invitation_id: t.invitationId },
          mayFail: ["invitation_used"],
        },
      ],
      check: async (t, outcomes) => {
        expect(winners(outcomes), "exactly one of accept / revoke wins").toHaveLength(1);
        const accepted = outcome(outcomes, "accept").ok;
        expect(await invitationStatus(t.invitationId)).toBe(accepted ? "accepted" : "revoked");
        const membership = await membershipOf(t.orgId, t.invitee.userId);
        if (accepted) expect(membership).toMatchObject({ status: "active", role: "member" });
        else expect(membership).toBeUndefined();
      },
    });
  });

  it("accept vs resend (token rotation): the old link either wins or is dead", async () => {
    await runScenario("accept (old token) ∥ resend", {
      setup: () => invitationFixture("race-c2"),
      calls: (t) => [
        {
          label: "accept",
          actor: t.invitee.actor,
          fn: "accept_invitation",
          args: { p_token: t.token },
          mayFail: ["invalid_token"],
        },
        {
          label: "resend",
          actor: t.owner.actor,
          fn: "resend_invitation",
          args: { p_invitation_id: t.invitationId },
          mayFail: ["invitation_used"],
        },
      ],
      check: async (t, outcomes) => {
        expect(winners(outcomes), "exactly one of accept / resend wins").toHaveLength(1);
        const accepted = outcome(outcomes, "accept").ok;
        expect(await invitationStatus(t.invitationId)).toBe(accepted ? "accepted" : "pending");
        expect(await membershipOf(t.orgId, t.invitee.userId)).toEqual(
          accepted ? { role: "member", status: "active" } : undefined,
        );
      },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// (d) transfer accept vs cancel, (e) two transfer requests at once
// ---------------------------------------------------------------------------------------------
describe("races on ownership transfers (invariant 8)", () => {
  it("transfer accept vs cancel: exactly one wins", async () => {
    await runScenario("transfer accept ∥ cancel", {
      setup: () => transferFixture("race-d", "member"),
      calls: (t) => [
        { ...acceptTransfer(t), mayFail: ["transfer_closed"] },
        {
          label: "cancel",
          actor: t.owner.actor,
          fn: "cancel_ownership_transfer",
          args: { p_transfer_id: t.transferId },
          mayFail: ["transfer_closed"],
        },
      ],
      check: async (t, outcomes) => {
        expect(winners(outcomes), "exactly one of accept / cancel wins").toHaveLength(1);
        const accepted = outcome(outcomes, "accept").ok;
        expect(await transferStatus(t.transferId)).toBe(accepted ? "accepted" : "cancelled");
        expect(await activeOwners(t.orgId)).toEqual([
          accepted ? t.recipient.userId : t.owner.userId,
        ]);
        expect(await membershipOf(t.orgId, t.owner.userId)).toMatchObject({
          role: accepted ? "admin" : "owner",
          status: "active",
        });
        expect(await membershipOf(t.orgId, t.recipient.userId)).toMatchObject({
          role: accepted ? "owner" : "member",
          status: "active",
        });
      },
    });
  });

  it("two transfers requested at once (to different members): exactly one pending", async () => {
    await runScenario("request transfer to A ∥ request transfer to B", {
      setup: async () => {
        const t = await transferFixture("race-e", "member");
        // start from no pending transfer
        await rpc(t.owner.actor, "cancel_ownership_transfer", { p_transfer_id: t.transferId });
        return t;
      },
      calls: (t) =>
        [t.recipient, t.other].map((to, i) => ({
          label: `request-${i === 0 ? "A" : "B"}`,
          actor: t.owner.actor,
          fn: "request_ownership_transfer",
          args: { p_org_id: t.orgId, p_to_user_id: to.userId, p_confirm_name: t.name },
          mayFail: ["transfer_pending"],
        })),
      check: async (t, outcomes) => {
        expect(winners(outcomes), "exactly one request wins").toHaveLength(1);
        const winner = outcomes.find((o): o is Extract<Outcome, { ok: true }> => o.ok)!;
        const { rows } = await ownerPool.query<{ id: string; to_user_id: string }>(
          `select id, to_user_id from roster.ownership_transfers where org_id = $1 and status = 'pending'`,
          [t.orgId],
        );
        expect(rows).toEqual([
          {
            id: winner.rows[0]!.id,
            to_user_id: winner.label === "request-A" ? t.recipient.userId : t.other.userId,
          },
        ]);
        expect(await activeOwners(t.orgId)).toEqual([t.owner.userId]);
      },
    });
  });
});

afterAll(() => {
  if (report.length) console.log(`\nRace outcome counts\n${report.join("\n")}`);
});
