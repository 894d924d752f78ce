// Races over HTTP: the same state changes sent at once by real signed-in clients through the
// gateway, many trials each. Whatever order the database picks, exactly one of two conflicting
// calls wins, the loser gets its stable hint, and the invariants hold afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueEmail } from "../support/emails.ts";
import {
  createOrg,
  inBatches,
  invite,
  join,
  people,
  signUp,
  type Actor,
  type Org,
} from "./support/actors.ts";
import { call, calls, hintOf, ok, rpc, type Answer } from "./support/http.ts";
import { fetchFrom, freshLoopbackAddress } from "../support/source-address.ts";
import { checkInvariants } from "./support/invariants.ts";
import { writeReport } from "./support/report.ts";
import { budget, scale } from "./support/scale.ts";

const trials = scale.raceTrials;
// Trials of one race run a few at a time; the contenders inside a trial are sent together.
const inFlight = 4;
const races: Record<string, { trials: number; outcomes: Record<string, number> }> = {};

let owner: Actor;
let invitee: Actor;
let heir: Actor;
let rival: Actor;

beforeAll(async () => {
  [owner, invitee, heir, rival] = await Promise.all(
    ["race-owner", "race-invitee", "race-heir", "race-rival"].map((label) => signUp(label)),
  );
});

// The check reads every org and refused call the trials left; on a loaded machine the long run's
// took over a minute.
afterAll(async () => {
  const invariants = await checkInvariants(calls.refusedAgents, people);
  writeReport("races", invariants, { races });
  for (const result of invariants) expect(result.broken, result.name).toEqual([]);
}, budget(trials));

const succeeded = (answer: Answer) => answer.status >= 200 && answer.status < 300;

/** Runs `trials` trials of one race and tallies each trial's outcome as `judge` names it. */
async function race<S>(
  name: string,
  setup: (trial: number) => Promise<S>,
  contenders: (state: S) => Array<Promise<Answer>>,
  judge: (state: S, answers: Answer[]) => Promise<string>,
): Promise<void> {
  const outcomes: Record<string, number> = {};
  await inBatches(trials, inFlight, async (trial) => {
    const state = await setup(trial);
    const answers = await Promise.all(contenders(state));
    for (const answer of answers) {
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(200);
      expect(answer.status, answer.text).toBeLessThan(500);
    }
    const outcome = await judge(state, answers);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  });
  races[name] = { trials, outcomes };
}

/** Hints of the refused answers, sorted, for the outcome's name. */
const refusals = (answers: Answer[]) =>
  answers
    .filter((answer) => !succeeded(answer))
    .map((answer) => `${answer.status} ${hintOf(answer)}`)
    .sort()
    .join(", ");

async function membershipOf(reader: Actor, orgId: string, userId: string) {
  const rows = ok<Array<{ role: string; status: string }>>(
    await call({
      path: `/rest/v1/memberships?org_id=eq.${orgId}&user_id=eq.${userId}&select=role,status`,
      token: reader.token,
    }),
    "read membership",
  );
  return rows[0];
}

async function activeOwners(reader: Actor, orgId: string): Promise<string[]> {
  const rows = ok<Array<{ user_id: string }>>(
    await call({
      path: `/rest/v1/memberships?org_id=eq.${orgId}&role=eq.owner&status=eq.active&select=user_id`,
      token: reader.token,
    }),
    "read owners",
  );
  return rows.map((row) => row.user_id);
}

async function requestTransfer(org: Org, to: Actor): Promise<string> {
  return ok<{ id: string }>(
    await rpc(owner.token, "request_ownership_transfer", {
      p_org_id: org.id,
      p_to_user_id: to.userId,
      p_confirm_name: org.name,
    }),
    "request_ownership_transfer",
  ).id;
}

describe(`races over HTTP (${trials} trials each)`, () => {
  it(
    "accepting one invitation three times at once joins once",
    { timeout: budget(trials) },
    async () => {
      await race(
        "accept ×3 of one token",
        async () => {
          const org = await createOrg(owner);
          return { org, ...(await invite(owner, org.id, invitee.email)) };
        },
        ({ token }) =>
          [1, 2, 3].map(() => rpc(invitee.token, "accept_invitation", { p_token: token })),
        async ({ org }, answers) => {
          expect(answers.filter(succeeded)).toHaveLength(1);
          for (const answer of answers.filter((a) => !succeeded(a)))
            expect(["invitation_used", "already_member"]).toContain(hintOf(answer));
          expect(await membershipOf(owner, org.id, invitee.userId)).toEqual({
            role: "member",
            status: "active",
          });
          return `1 accepted; ${refusals(answers)}`;
        },
      );
    },
  );

  it("accept and revoke at once: exactly one wins", { timeout: budget(trials) }, async () => {
    await race(
      "accept vs revoke",
      async () => {
        const org = await createOrg(owner);
        return { org, ...(await invite(owner, org.id, invitee.email)) };
      },
      ({ token, invitationId }) => [
        rpc(invitee.token, "accept_invitation", { p_token: token }),
        rpc(owner.token, "revoke_invitation", { p_invitation_id: invitationId }),
      ],
      async ({ org }, [accept, revoke]) => {
        expect(succeeded(accept!) !== succeeded(revoke!)).toBe(true);
        const membership = await membershipOf(owner, org.id, invitee.userId);
        if (succeeded(accept!)) {
          expect(hintOf(revoke!)).toBe("invitation_used");
          expect(membership?.status).toBe("active");
          return "accepted; revoke got invitation_used";
        }
        expect(hintOf(accept!)).toBe("invitation_revoked");
        expect(membership).toBeUndefined();
        return "revoked; accept got invitation_revoked";
      },
    );
  });

  it(
    "transfer accept and cancel at once: exactly one wins",
    { timeout: budget(trials) },
    async () => {
      await race(
        "transfer accept vs cancel",
        async () => {
          const org = await createOrg(owner);
          await join(owner, org.id, heir, "admin");
          return { org, transferId: await requestTransfer(org, heir) };
        },
        ({ transferId }) => [
          rpc(heir.token, "accept_ownership_transfer", { p_transfer_id: transferId }),
          rpc(owner.token, "cancel_ownership_transfer", { p_transfer_id: transferId }),
        ],
        async ({ org }, [accept, cancel]) => {
          expect(succeeded(accept!) !== succeeded(cancel!)).toBe(true);
          const owners = await activeOwners(heir, org.id);
          expect(owners).toEqual([succeeded(accept!) ? heir.userId : owner.userId]);
          return succeeded(accept!)
            ? `accepted; cancel got ${hintOf(cancel!)}`
            : `cancelled; accept got ${hintOf(accept!)}`;
        },
      );
    },
  );

  it("two transfer requests at once: one is pending", { timeout: budget(trials) }, async () => {
    await race(
      "two transfer requests",
      async () => {
        const org = await createOrg(owner);
        await join(owner, org.id, heir, "admin");
        await join(owner, org.id, rival, "admin");
        return org;
      },
      (org) =>
        [heir, rival].map((to) =>
          rpc(owner.token, "request_ownership_transfer", {
            p_org_id: org.id,
            p_to_user_id: to.userId,
            p_confirm_name: org.name,
          }),
        ),
      async (org, answers) => {
        expect(answers.filter(succeeded)).toHaveLength(1);
        expect(answers.map(hintOf).filter(Boolean)).toEqual(["transfer_pending"]);
        const pending = ok<unknown[]>(
          await call({
            path: `/rest/v1/ownership_transfers?org_id=eq.${org.id}&status=eq.pending&select=id`,
            token: owner.token,
          }),
          "read transfers",
        );
        expect(pending).toHaveLength(1);
        return `1 requested; ${refusals(answers)}`;
      },
    );
  });

  it(
    "transfer accept against suspension or demotion of the target: one owner, never suspended",
    { timeout: budget(trials) },
    async () => {
      await race(
        "transfer accept vs suspend/demote",
        async (trial) => {
          const org = await createOrg(owner);
          await join(owner, org.id, heir, "admin");
          const transferId = await requestTransfer(org, heir);
          return { org, transferId, suspend: trial % 2 === 0 };
        },
        ({ org, transferId, suspend }) => [
          rpc(heir.token, "accept_ownership_transfer", { p_transfer_id: transferId }),
          suspend
            ? rpc(owner.token, "suspend_member", {
                p_org_id: org.id,
                p_user_id: heir.userId,
                p_reason: "race",
              })
            : rpc(owner.token, "change_member_role", {
                p_org_id: org.id,
                p_user_id: heir.userId,
                p_role: "member",
                p_reason: "race",
              }),
        ],
        async ({ org, suspend }, [accept, strike]) => {
          const owners = await activeOwners(suspend && succeeded(strike!) ? owner : heir, org.id);
          expect(owners).toEqual([succeeded(accept!) ? heir.userId : owner.userId]);
          // A suspension wins only by stopping the accept; a demotion may come first and still
          // leave the target free to accept (it stays an active member).
          if (suspend) expect(succeeded(accept!) !== succeeded(strike!)).toBe(true);
          else expect(succeeded(accept!) || succeeded(strike!)).toBe(true);
          const action = suspend ? "suspend" : "demote";
          if (succeeded(accept!) && succeeded(strike!)) return `${action} then accepted`;
          return succeeded(accept!)
            ? `accepted; ${action} got ${hintOf(strike!)}`
            : `${action}ed; accept got ${hintOf(accept!)}`;
        },
      );
    },
  );

  it(
    "leaving or declining two organizations at once leaves the person one personal org",
    { timeout: budget(trials * 2) },
    async () => {
      const variants = ["leave + leave", "decline + decline", "leave + decline"] as const;
      await race(
        "leave/decline two orgs at once",
        async (trial) => {
          const variant = variants[trial % variants.length]!;
          const [first, second] = await Promise.all([createOrg(owner), createOrg(owner)]);
          const email = uniqueEmail("race-leaver");
          const invitations = await Promise.all(
            [first!, second!].map((org) => invite(owner, org.id, email)),
          );
          // A pending invitation at sign-up means no personal org: these two are all they have.
          const person = await signUp("race-leaver", email);
          const accepted = variant === "leave + leave" ? 2 : variant === "leave + decline" ? 1 : 0;
          for (const { token } of invitations.slice(0, accepted))
            ok(await rpc(person.token, "accept_invitation", { p_token: token }), "accept");
          return { variant, person, orgs: [first!, second!], invitations, accepted };
        },
        ({ person, orgs, invitations, accepted }) =>
          [0, 1].map((index) =>
            index < accepted
              ? rpc(person.token, "leave_organization", { p_org_id: orgs[index]!.id })
              : rpc(person.token, "decline_invitation", { p_token: invitations[index]!.token }),
          ),
        async ({ variant, person }, answers) => {
          expect(answers.filter(succeeded)).toHaveLength(2);
          const left = ok<Array<{ is_personal: boolean; role: string }>>(
            await call({
              path: "/rest/v1/my_memberships?select=is_personal,role",
              token: person.token,
            }),
            "read my memberships",
          );
          expect(left).toEqual([{ is_personal: true, role: "owner" }]);
          return `${variant}: one personal org`;
        },
      );
    },
  );

  it(
    "eight parallel bursts of 50 invitations never pass the hourly limit",
    { timeout: budget(trials * 3) },
    async () => {
      const limit = 100;
      await race(
        "invitation bursts vs hourly limit",
        () => createOrg(owner),
        // Half through the invitations function, half straight to the RPC around it.
        (org) =>
          Array.from({ length: 8 }, (_, burst) => {
            const emails = Array.from({ length: 50 }, () =>
              uniqueEmail(`burst${burst}`).replace(/@.*/, "@burst.invalid"),
            );
            return burst % 2 === 0
              ? call({
                  path: "/functions/v1/invitations",
                  token: owner.token,
                  body: { action: "create", org_id: org.id, emails, role: "viewer" },
                })
              : rpc(owner.token, "create_invitations", {
                  p_org_id: org.id,
                  p_emails: emails,
                  p_role: "viewer",
                });
          }),
        async (org, answers) => {
          const invitations = ok<unknown[]>(
            await call({
              path: `/rest/v1/invitations?org_id=eq.${org.id}&select=id`,
              token: owner.token,
            }),
            "read invitations",
          );
          expect(invitations).toHaveLength(limit);
          expect(answers.filter(succeeded)).toHaveLength(limit / 50);
          for (const answer of answers.filter((a) => !succeeded(a))) {
            expect(answer.status).toBe(429);
            expect(hintOf(answer)).toBe("rate_limited");
          }
          return `${invitations.length} created; ${refusals(answers)}`;
        },
      );
    },
  );

  it(
    "parallel invitation previews from one address never pass its limit",
    { timeout: budget(trials * 2) },
    async () => {
      const limit = 30;
      await race(
        "invitation previews vs per-address limit",
        // each trial is a caller at an address of its own
        async () => fetchFrom(freshLoopbackAddress()),
        // GET and POST, as the accept-invite page and supabase-js send them
        (from) =>
          Array.from({ length: limit + 10 }, (_, i) =>
            i % 2 === 0
              ? call({ path: "/functions/v1/invitation-preview?token=abc", from })
              : call({ path: "/functions/v1/invitation-preview", body: { token: "abc" }, from }),
          ),
        async (_from, answers) => {
          expect(answers.filter(succeeded)).toHaveLength(limit);
          for (const answer of answers.filter((a) => !succeeded(a))) {
            expect(answer.status).toBe(429);
            expect(hintOf(answer)).toBe("rate_limited");
          }
          return `${limit} answered, ${answers.length - limit} × 429 rate_limited`;
        },
      );
    },
  );
});
