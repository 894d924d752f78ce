// DESIGN.md §4 invariants 1–11, each attacked: every test tries to break the rule through the
// paths a real client (or a careless superuser) has, and asserts what the attacker observes.
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  claimsOf,
  closePools,
  createUser,
  refusal,
  rpc,
  tamperAuditLog,
  ownerPool,
  type Actor,
  type PgError,
  type TestUser,
  sqlstateOfHint,
  asActorAfterSetup,
  insertAuthUsersSql,
} from "../support/db.ts";
import { uniqueEmail } from "../support/emails.ts";
import {
  addMember,
  createOrg,
  createOrgFixture,
  orgStateSnapshot,
  type OrgFixture,
  type Position,
  inviteToken,
  activeOwners,
  membershipOf,
} from "../support/org.ts";

afterAll(closePools);

async function expectRefused(call: Promise<unknown>, hint: string): Promise<PgError> {
  const error = await refusal(call);
  expect({ hint: error.hint, code: error.code }).toEqual({ hint, code: sqlstateOfHint[hint] });
  return error;
}

// A refusal by Postgres itself (no grant, RLS check): SQLSTATE 42501.
async function expectPermissionDenied(call: Promise<unknown>): Promise<void> {
  const error = await refusal(call);
  expect(error.code).toBe("42501");
}

async function auditCount(orgId: string): Promise<number> {
  const { rows } = await ownerPool.query<{ n: number }>(
    `select count(*)::int as n from roster.audit_events where org_id = $1`,
    [orgId],
  );
  return rows[0]!.n;
}

async function selectAs<T = Record<string, unknown>>(
  actor: Actor,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return asActor(actor, async (client) => (await client.query(sql, params)).rows as T[]);
}

// A sign-up with a chosen email, the way Supabase Auth inserts it (triggers fire at commit).
async function signUp(email: string, options: { confirmed?: boolean } = {}): Promise<TestUser> {
  const { rows } = await ownerPool.query<{ id: string }>(
    insertAuthUsersSql("select gen_random_uuid(), $1::text, 'Signed Up', $2::timestamptz"),
    [email, options.confirmed === false ? null : new Date()],
  );
  const userId = rows[0]!.id;
  return { userId, email, actor: { role: "authenticated", userId, email } };
}

async function personalOrgsOf(userId: string): Promise<string[]> {
  const { rows } = await ownerPool.query<{ id: string }>(
    `select o.id from roster.organizations o join roster.memberships m on m.org_id = o.id
     where m.user_id = $1 and o.is_personal and o.deleted_at is null and m.role = 'owner' and m.status = 'active'`,
    [userId],
  );
  return rows.map((row) => row.id);
}

// =============================================================================================
describe("invariant 1: tenant isolation (membership is re-read on every statement)", () => {
  let f: OrgFixture;
  const reads = `select
      (select count(*) from public.customers where org_id = $1)::int as customers,
      (select count(*) from roster.organizations where id = $1)::int as orgs,
      (select count(*) from roster.member_directory where org_id = $1)::int as directory,
      (select count(*) from roster.memberships where org_id = $1)::int as memberships`;

  beforeAll(async () => {
    f = await createOrgFixture("inv1");
    await asActor(f.owner.actor, (client) =>
      client.query(`insert into public.customers (org_id, name) values ($1, 'Isolation Patient')`, [
        f.orgId,
      ]),
    );
  });

  it("a suspension takes effect on the very next statement of a transaction already in progress", async () => {
    const victim = await createUser("inv1-suspend");
    await addMember(f.orgId, f.owner.actor, victim, "admin");
    await asActor(victim.actor, async (client) => {
      const before = (await client.query(reads, [f.orgId])).rows[0];
      expect(before).toMatchObject({ customers: 1, orgs: 1 });
      expect(before.directory).toBeGreaterThan(5);
      await rpc(f.owner.actor, "suspend_member", {
        p_org_id: f.orgId,
        p_user_id: victim.userId,
        p_reason: "Mid-session",
      });
      const after = (await client.query(reads, [f.orgId])).rows[0];
      expect(after).toEqual({ customers: 0, orgs: 0, directory: 0, memberships: 0 });
    });
  });

  it("a removal takes effect on the very next statement, and writes are refused", async () => {
    const victim = await createUser("inv1-remove");
    await addMember(f.orgId, f.owner.actor, victim, "member");
    await asActor(victim.actor, async (client) => {
      expect((await client.query(reads, [f.orgId])).rows[0]).toMatchObject({
        customers: 1,
        orgs: 1,
        memberships: 1,
      });
      await rpc(f.owner.actor, "remove_member", {
        p_org_id: f.orgId,
        p_user_id: victim.userId,
        p_reason: "Mid-session",
      });
      expect((await client.query(reads, [f.orgId])).rows[0]).toEqual({
        customers: 0,
        orgs: 0,
        directory: 0,
        memberships: 0,
      });
      const updated = await client.query(
        `update public.customers set notes = 'after removal' where org_id = $1`,
        [f.orgId],
      );
      expect(updated.rowCount).toBe(0);
    });
    await expectPermissionDenied(
      asActor(victim.actor, (client) =>
        client.query(`insert into public.customers (org_id, name) values ($1, 'Ghost')`, [f.orgId]),
      ),
    );
    await expectRefused(rpc(victim.actor, "touch_membership", { p_org_id: f.orgId }), "not_found");
  });

  it("a demotion removes the lost permissions on the next statement", async () => {
    const victim = await createUser("inv1-demote");
    await addMember(f.orgId, f.owner.actor, victim, "admin");
    await asActor(victim.actor, async (client) => {
      expect((await client.query(reads, [f.orgId])).rows[0].directory).toBeGreaterThan(0);
      await rpc(f.owner.actor, "change_member_role", {
        p_org_id: f.orgId,
        p_user_id: victim.userId,
        p_role: "viewer",
        p_reason: "Demoted",
      });
      const after = (await client.query(reads, [f.orgId])).rows[0];
      expect(after).toEqual({ customers: 1, orgs: 1, directory: 0, memberships: 1 });
    });
    await expectRefused(
      rpc(victim.actor, "create_invitations", {
        p_org_id: f.orgId,
        p_emails: [uniqueEmail("x")],
        p_role: "viewer",
      }),
      "forbidden",
    );
  });

  it("suspended and removed members and outsiders read nothing and reach no RPC; anon has no grant at all", async () => {
    for (const user of [f.suspended, f.removed, f.outsider]) {
      expect((await selectAs(user.actor, reads, [f.orgId]))[0]).toEqual({
        customers: 0,
        orgs: 0,
        directory: 0,
        memberships: 0,
      });
      await expectRefused(
        rpc(user.actor, "verify_audit_chain", { p_org_id: f.orgId }),
        "not_found",
      );
      await expectRefused(
        rpc(user.actor, "leave_organization", { p_org_id: f.orgId }),
        "not_found",
      );
    }
    await expectPermissionDenied(selectAs({ role: "anon" }, `select * from public.customers`));
    await expectPermissionDenied(selectAs({ role: "anon" }, `select * from roster.organizations`));
    await expectPermissionDenied(rpc({ role: "anon" }, "touch_membership", { p_org_id: f.orgId }));
  });
});

// =============================================================================================
describe("invariant 2: exactly one active owner per live org", () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await createOrgFixture("inv2");
  });

  it("no RPC path demotes, suspends or removes the owner", async () => {
    const owner = f.owner.userId;
    const target = { p_org_id: f.orgId, p_user_id: owner, p_reason: "Takeover" };
    await expectRefused(
      rpc(f.admin.actor, "change_member_role", { ...target, p_role: "member" }),
      "last_owner",
    );
    await expectRefused(rpc(f.admin.actor, "suspend_member", target), "last_owner");
    await expectRefused(rpc(f.admin.actor, "remove_member", target), "last_owner");
    await expectRefused(rpc(f.admin.actor, "reactivate_member", target), "last_owner");
    await expectRefused(
      rpc(f.owner.actor, "change_member_role", { ...target, p_role: "admin" }),
      "cannot_act_on_self",
    );
    await expectRefused(rpc(f.owner.actor, "suspend_member", target), "cannot_act_on_self");
    await expectRefused(rpc(f.owner.actor, "remove_member", target), "cannot_act_on_self");
    await expectRefused(
      rpc(f.owner.actor, "leave_organization", { p_org_id: f.orgId }),
      "last_owner",
    );
    expect(await activeOwners(f.orgId)).toEqual([owner]);
  });

  it("a burst of concurrent attacks on the owner leaves exactly the same single owner", async () => {
    const target = { p_org_id: f.orgId, p_user_id: f.owner.userId, p_reason: "Race" };
    const attempts = await Promise.allSettled([
      rpc(f.owner.actor, "leave_organization", { p_org_id: f.orgId }),
      rpc(f.admin.actor, "change_member_role", { ...target, p_role: "viewer" }),
      rpc(f.admin.actor, "suspend_member", target),
      rpc(f.admin.actor, "remove_member", target),
      rpc(f.owner.actor, "change_member_role", {
        ...target,
        p_user_id: f.admin.userId,
        p_role: "owner",
      }),
      rpc(f.owner.actor, "leave_organization", { p_org_id: f.orgId }),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual(Array(6).fill("rejected"));
    expect(await activeOwners(f.orgId)).toEqual([f.owner.userId]);
  });

  it("the commit-time check refuses a superuser who demotes or deletes the owner directly", async () => {
    const demote = await refusal(
      ownerPool.query(
        `update roster.memberships set role = 'admin' where org_id = $1 and user_id = $2`,
        [f.orgId, f.owner.userId],
      ),
    );
    expect({ code: demote.code, hint: demote.hint }).toEqual({ code: "P0001", hint: "last_owner" });
    const remove = await refusal(
      ownerPool.query(`delete from roster.memberships where org_id = $1 and user_id = $2`, [
        f.orgId,
        f.owner.userId,
      ]),
    );
    expect({ code: remove.code, hint: remove.hint }).toEqual({ code: "P0001", hint: "last_owner" });
    expect(await activeOwners(f.orgId)).toEqual([f.owner.userId]);
  });

  it("a second active owner or a suspended owner cannot even be written by a superuser", async () => {
    const second = await refusal(
      ownerPool.query(
        `update roster.memberships set role = 'owner' where org_id = $1 and user_id = $2`,
        [f.orgId, f.admin.userId],
      ),
    );
    expect(second.code).toBe("23505");
    const suspended = await refusal(
      ownerPool.query(
        `update roster.memberships set status = 'suspended', suspended_at = now() where org_id = $1 and user_id = $2`,
        [f.orgId, f.owner.userId],
      ),
    );
    expect(suspended.code).toBe("23514");
    expect(await activeOwners(f.orgId)).toEqual([f.owner.userId]);
  });

  it("the commit-time check allows a swap inside one transaction (control for the test above)", async () => {
    const { orgId, owner } = await createOrg("inv2-swap");
    const heir = await createUser("inv2-heir");
    await addMember(orgId, owner.actor, heir, "admin");
    const client = await ownerPool.connect();
    try {
      await client.query("begin");
      await client.query(
        `update roster.memberships set role = 'admin' where org_id = $1 and user_id = $2`,
        [orgId, owner.userId],
      );
      await client.query(
        `update roster.memberships set role = 'owner' where org_id = $1 and user_id = $2`,
        [orgId, heir.userId],
      );
      await client.query("commit");
    } finally {
      client.release();
    }
    expect(await activeOwners(orgId)).toEqual([heir.userId]);
  });

  it("ownership transfer and support recovery each leave exactly one active owner", async () => {
    const { orgId, name, owner } = await createOrg("inv2-paths");
    const [heir, rescued] = await Promise.all([createUser("inv2-t"), createUser("inv2-s")]);
    await addMember(orgId, owner.actor, heir, "member");
    const [transfer] = await rpc<{ id: string }>(owner.actor, "request_ownership_transfer", {
      p_org_id: orgId,
      p_to_user_id: heir.userId,
      p_confirm_name: name,
    });
    await rpc(heir.actor, "accept_ownership_transfer", { p_transfer_id: transfer!.id });
    expect(await activeOwners(orgId)).toEqual([heir.userId]);
    await rpc({ role: "service_role" }, "support_restore_access", {
      p_org_id: orgId,
      p_email: rescued.email,
      p_ticket: "T-2",
      p_operator: "ops@roster",
    });
    expect(await activeOwners(orgId)).toEqual([rescued.userId]);
    expect(await membershipOf(orgId, heir.userId)).toEqual({ role: "admin", status: "active" });
  });
});

// =============================================================================================
describe("invariant 3: the owner role only via accepted transfer or support recovery", () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await createOrgFixture("inv3");
  });

  it.each(["owner", "OWNER", " Owner "])(
    "change_member_role(%j) is refused for owner and admin",
    async (role) => {
      for (const [actor, target] of [
        [f.owner, f.admin],
        [f.admin, f.member],
      ] as const) {
        await expectRefused(
          rpc(actor.actor, "change_member_role", {
            p_org_id: f.orgId,
            p_user_id: target.userId,
            p_role: role,
            p_reason: "Promote",
          }),
          "owner_via_transfer_only",
        );
      }
      expect(await activeOwners(f.orgId)).toEqual([f.owner.userId]);
    },
  );

  it("nobody can be invited as owner, and a forged owner invitation cannot exist", async () => {
    for (const actor of [f.owner, f.admin]) {
      await expectRefused(
        rpc(actor.actor, "create_invitations", {
          p_org_id: f.orgId,
          p_emails: [uniqueEmail("inv3")],
          p_role: "owner",
        }),
        "owner_via_transfer_only",
      );
    }
    const forged = await refusal(
      ownerPool.query(
        `insert into roster.invitations (org_id, email, role, token_hash, expires_at) values ($1, 'x@example.com', 'owner', sha256('x'), now() + interval '1 day')`,
        [f.orgId],
      ),
    );
    expect(forged.code).toBe("23514");
  });

  it("owner-only permissions cannot be granted and the owner row of the matrix cannot be edited", async () => {
    for (const key of ["ownership.transfer", "org.delete", "permissions.manage"]) {
      await expectRefused(
        rpc(f.owner.actor, "set_role_permissions", {
          p_org_id: f.orgId,
          p_role: "admin",
          p_permissions: ["members.read", key],
        }),
        "forbidden",
      );
    }
    await expectRefused(
      rpc(f.owner.actor, "set_role_permissions", {
        p_org_id: f.orgId,
        p_role: "owner",
        p_permissions: [],
      }),
      "role_too_high",
    );
    await expectRefused(
      rpc(f.admin.actor, "request_ownership_transfer", {
        p_org_id: f.orgId,
        p_to_user_id: f.admin.userId,
        p_confirm_name: f.name,
      }),
      "forbidden",
    );
  });

  it("direct writes to memberships are refused for every API role", async () => {
    for (const actor of [f.admin.actor, f.owner.actor, { role: "service_role" } as Actor]) {
      await expectPermissionDenied(
        selectAs(
          actor,
          `update roster.memberships set role = 'owner' where org_id = $1 and user_id = $2`,
          [f.orgId, f.admin.userId],
        ),
      );
      await expectPermissionDenied(
        selectAs(
          actor,
          `insert into roster.memberships (org_id, user_id, role) values ($1, $2, 'owner')`,
          [f.orgId, f.outsider.userId],
        ),
      );
    }
    expect(await activeOwners(f.orgId)).toEqual([f.owner.userId]);
  });

  it("support recovery is service-role only; with it the target becomes owner and the old owner admin", async () => {
    const args = {
      p_org_id: f.orgId,
      p_email: f.viewer.email,
      p_ticket: "T-3",
      p_operator: "ops@roster",
    };
    await expectPermissionDenied(rpc(f.admin.actor, "support_restore_access", args));
    await expectPermissionDenied(rpc(f.owner.actor, "support_restore_access", args));
    await expectPermissionDenied(rpc({ role: "anon" }, "support_restore_access", args));
    expect(await activeOwners(f.orgId)).toEqual([f.owner.userId]);

    const [result] = await rpc({ role: "service_role" }, "support_restore_access", {
      ...args,
      p_email: f.viewer.email.toUpperCase(),
    });
    expect(result).toEqual({
      org_id: f.orgId,
      user_id: f.viewer.userId,
      previous_owner_id: f.owner.userId,
    });
    expect(await activeOwners(f.orgId)).toEqual([f.viewer.userId]);
    expect(await membershipOf(f.orgId, f.owner.userId)).toEqual({
      role: "admin",
      status: "active",
    });
  });
});

// =============================================================================================
describe("invariant 4: nobody changes their own role, suspends or removes themselves", () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await createOrgFixture("inv4");
  });

  it.each(["owner", "admin"] as const)(
    "the %s is refused on every self-action, however the own id is spelled",
    async (position) => {
      const self = f[position];
      const before = await orgStateSnapshot(f.orgId);
      for (const id of [self.userId, self.userId.toUpperCase(), `  ${self.userId}  `]) {
        const args = { p_org_id: f.orgId, p_user_id: id, p_reason: "Self" };
        await expectRefused(
          rpc(self.actor, "change_member_role", { ...args, p_role: "viewer" }),
          "cannot_act_on_self",
        );
        await expectRefused(rpc(self.actor, "suspend_member", args), "cannot_act_on_self");
        await expectRefused(rpc(self.actor, "reactivate_member", args), "cannot_act_on_self");
        await expectRefused(rpc(self.actor, "remove_member", args), "cannot_act_on_self");
      }
      expect(await orgStateSnapshot(f.orgId)).toEqual(before);
    },
  );

  it("the owner cannot transfer ownership to themselves", async () => {
    await expectRefused(
      rpc(f.owner.actor, "request_ownership_transfer", {
        p_org_id: f.orgId,
        p_to_user_id: f.owner.userId,
        p_confirm_name: f.name,
      }),
      "cannot_act_on_self",
    );
  });

  it("members and viewers without members.manage cannot act on themselves either", async () => {
    for (const self of [f.member, f.viewer]) {
      await expectRefused(
        rpc(self.actor, "change_member_role", {
          p_org_id: f.orgId,
          p_user_id: self.userId,
          p_role: "admin",
          p_reason: "Self",
        }),
        "forbidden",
      );
      await expectRefused(
        rpc(self.actor, "remove_member", {
          p_org_id: f.orgId,
          p_user_id: self.userId,
          p_reason: "Self",
        }),
        "forbidden",
      );
    }
  });

  it("leaving is its own action: the member leaves, with removed_by self and no reason", async () => {
    const leaver = await createUser("inv4-leaver");
    await addMember(f.orgId, f.owner.actor, leaver, "admin");
    await rpc(leaver.actor, "leave_organization", { p_org_id: f.orgId });
    const { rows } = await ownerPool.query(
      `select status::text, removed_by, removed_reason from roster.memberships where org_id = $1 and user_id = $2`,
      [f.orgId, leaver.userId],
    );
    expect(rows[0]).toEqual({ status: "removed", removed_by: leaver.userId, removed_reason: null });
  });
});

// =============================================================================================
describe("invariant 5: rank — manage only strictly lower members, assign only strictly lower roles", () => {
  let f: OrgFixture;
  let admin2: TestUser;
  beforeAll(async () => {
    f = await createOrgFixture("inv5");
    admin2 = await createUser("inv5-admin2");
    await addMember(f.orgId, f.owner.actor, admin2, "admin");
  });

  it("an admin cannot touch another admin (active or suspended) or the owner", async () => {
    const args = { p_org_id: f.orgId, p_user_id: admin2.userId, p_reason: "Peer" };
    const before = await orgStateSnapshot(f.orgId);
    await expectRefused(
      rpc(f.admin.actor, "change_member_role", { ...args, p_role: "member" }),
      "role_too_high",
    );
    await expectRefused(rpc(f.admin.actor, "suspend_member", args), "role_too_high");
    await expectRefused(rpc(f.admin.actor, "remove_member", args), "role_too_high");
    await expectRefused(
      rpc(f.admin.actor, "suspend_member", { ...args, p_user_id: f.owner.userId }),
      "last_owner",
    );
    expect(await orgStateSnapshot(f.orgId)).toEqual(before);

    await rpc(f.owner.actor, "suspend_member", args);
    await expectRefused(rpc(f.admin.actor, "reactivate_member", args), "role_too_high");
    await expectRefused(rpc(f.admin.actor, "remove_member", args), "role_too_high");
    await rpc(f.owner.actor, "reactivate_member", args);
    expect(await membershipOf(f.orgId, admin2.userId)).toEqual({ role: "admin", status: "active" });
  });

  it("an admin assigns and invites only member/viewer, and manages members and viewers", async () => {
    const [m, v] = await Promise.all([createUser("inv5-m"), createUser("inv5-v")]);
    await addMember(f.orgId, f.owner.actor, m, "member");
    await addMember(f.orgId, f.owner.actor, v, "viewer");
    await expectRefused(
      rpc(f.admin.actor, "change_member_role", {
        p_org_id: f.orgId,
        p_user_id: m.userId,
        p_role: "admin",
        p_reason: "Up",
      }),
      "role_too_high",
    );
    await expectRefused(
      rpc(f.admin.actor, "create_invitations", {
        p_org_id: f.orgId,
        p_emails: [uniqueEmail("inv5")],
        p_role: "admin",
      }),
      "role_too_high",
    );
    await rpc(f.admin.actor, "change_member_role", {
      p_org_id: f.orgId,
      p_user_id: v.userId,
      p_role: "member",
      p_reason: "Up",
    });
    await rpc(f.admin.actor, "change_member_role", {
      p_org_id: f.orgId,
      p_user_id: m.userId,
      p_role: "viewer",
      p_reason: "Down",
    });
    await rpc(f.admin.actor, "suspend_member", {
      p_org_id: f.orgId,
      p_user_id: m.userId,
      p_reason: "S",
    });
    await rpc(f.admin.actor, "remove_member", {
      p_org_id: f.orgId,
      p_user_id: v.userId,
      p_reason: "R",
    });
    expect(await membershipOf(f.orgId, m.userId)).toEqual({ role: "viewer", status: "suspended" });
    expect(await membershipOf(f.orgId, v.userId)).toEqual({ role: "member", status: "removed" });
  });

  it("an admin cannot resend or revoke an invitation for the admin role made by the owner", async () => {
    const invitation = await inviteToken(f.orgId, f.owner.actor, uniqueEmail("inv5-adm"), "admin");
    const before = await orgStateSnapshot(f.orgId);
    await expectRefused(
      rpc(f.admin.actor, "resend_invitation", { p_invitation_id: invitation.id }),
      "role_too_high",
    );
    await expectRefused(
      rpc(f.admin.actor, "revoke_invitation", { p_invitation_id: invitation.id }),
      "role_too_high",
    );
    expect(await orgStateSnapshot(f.orgId)).toEqual(before);
  });

  it("the owner manages admins", async () => {
    const a = await createUser("inv5-a");
    await addMember(f.orgId, f.owner.actor, a, "admin");
    await rpc(f.owner.actor, "change_member_role", {
      p_org_id: f.orgId,
      p_user_id: a.userId,
      p_role: "member",
      p_reason: "Down",
    });
    await rpc(f.owner.actor, "change_member_role", {
      p_org_id: f.orgId,
      p_user_id: a.userId,
      p_role: "admin",
      p_reason: "Up",
    });
    await rpc(f.owner.actor, "remove_member", {
      p_org_id: f.orgId,
      p_user_id: a.userId,
      p_reason: "Out",
    });
    expect(await membershipOf(f.orgId, a.userId)).toEqual({ role: "admin", status: "removed" });
  });

  it("granting members.manage/invite to the member role does not lift the rank rule", async () => {
    const { orgId, owner } = await createOrg("inv5-grant");
    const [m1, m2, v, a] = await Promise.all([
      createUser("g-m1"),
      createUser("g-m2"),
      createUser("g-v"),
      createUser("g-a"),
    ]);
    await addMember(orgId, owner.actor, m1, "member");
    await addMember(orgId, owner.actor, m2, "member");
    await addMember(orgId, owner.actor, v, "viewer");
    await addMember(orgId, owner.actor, a, "admin");
    await rpc(owner.actor, "set_role_permissions", {
      p_org_id: orgId,
      p_role: "member",
      p_permissions: ["members.read", "members.manage", "members.invite", "customers.read"],
    });
    const act = (target: TestUser, role: string) =>
      rpc(m1.actor, "change_member_role", {
        p_org_id: orgId,
        p_user_id: target.userId,
        p_role: role,
        p_reason: "Granted",
      });
    await expectRefused(act(v, "member"), "role_too_high");
    await expectRefused(act(m2, "viewer"), "role_too_high");
    await expectRefused(act(a, "viewer"), "role_too_high");
    await expectRefused(
      rpc(m1.actor, "create_invitations", {
        p_org_id: orgId,
        p_emails: [uniqueEmail("g")],
        p_role: "member",
      }),
      "role_too_high",
    );
    await rpc(m1.actor, "suspend_member", {
      p_org_id: orgId,
      p_user_id: v.userId,
      p_reason: "Lower rank",
    });
    expect(await membershipOf(orgId, v.userId)).toEqual({ role: "viewer", status: "suspended" });
    expect(await membershipOf(orgId, m2.userId)).toEqual({ role: "member", status: "active" });
  });

  it("members and viewers cannot manage anyone", async () => {
    for (const actor of [f.member, f.viewer]) {
      await expectRefused(
        rpc(actor.actor, "suspend_member", {
          p_org_id: f.orgId,
          p_user_id: f.viewer.userId,
          p_reason: "X",
        }),
        "forbidden",
      );
      await expectRefused(
        rpc(actor.actor, "create_invitations", {
          p_org_id: f.orgId,
          p_emails: [uniqueEmail("x")],
          p_role: "viewer",
        }),
        "forbidden",
      );
    }
  });
});

// =============================================================================================
describe("invariant 6: invitations", () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await createOrgFixture("inv6");
  });

  it("is single use: a second accept (even concurrent) and a decline after accept are refused", async () => {
    const user = await signUp(uniqueEmail("inv6-once"));
    const { token } = await inviteToken(f.orgId, f.owner.actor, user.email);
    const results = await Promise.allSettled([
      rpc(user.actor, "accept_invitation", { p_token: token }),
      rpc(user.actor, "accept_invitation", { p_token: token }),
      rpc(user.actor, "accept_invitation", { p_token: token }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected")
        expect((result.reason as PgError).hint).toBe("invitation_used");
    }
    await expectRefused(
      rpc(user.actor, "accept_invitation", { p_token: token }),
      "invitation_used",
    );
    await expectRefused(
      rpc(user.actor, "decline_invitation", { p_token: token }),
      "invitation_used",
    );
    expect(await membershipOf(f.orgId, user.userId)).toEqual({ role: "member", status: "active" });
  });

  it("expires: past expires_at, accept and decline are refused, nothing changes, the list shows expired", async () => {
    // Done in one rolled-back transaction: the stack's expire_stale() timer must not turn the
    // pending-past-expiry invitation into an `expired` one between our steps.
    const user = await signUp(uniqueEmail("inv6-exp"));
    const { token, id } = await inviteToken(f.orgId, f.owner.actor, user.email);
    const observed = await asActorAfterSetup(
      (client) =>
        client.query(
          `update roster.invitations set expires_at = now() - interval '1 second' where id = $1`,
          [id],
        ),
      user.actor,
      async (client) => {
        const attempt = async (fn: string): Promise<string> => {
          await client.query("savepoint attempt");
          try {
            await client.query(`select * from public.${fn}(p_token => $1)`, [token]);
            return "accepted";
          } catch (error) {
            await client.query("rollback to savepoint attempt");
            return `${(error as PgError).code} ${(error as PgError).hint}`;
          }
        };
        const refusals = [await attempt("accept_invitation"), await attempt("decline_invitation")];
        await client.query(`select set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify(claimsOf(f.admin.actor)),
        ]);
        const listed = await client.query(
          `select status::text from roster.invitation_list where id = $1`,
          [id],
        );
        await client.query("reset role");
        const state = await client.query(
          `select i.status::text as stored_status,
             (select count(*)::int from roster.memberships m where m.org_id = i.org_id and m.user_id = $2) as memberships,
             (select count(*)::int from roster.audit_events a where a.target_invitation_id = i.id) as events
           from roster.invitations i where i.id = $1`,
          [id, user.userId],
        );
        return { refusals, listed: listed.rows, state: state.rows[0] };
      },
    );
    expect(observed).toEqual({
      refusals: ["P0001 invitation_expired", "P0001 invitation_expired"],
      listed: [{ status: "expired" }],
      state: { stored_status: "pending", memberships: 0, events: 1 },
    });
  });

  it("uses the org's lifetime setting", async () => {
    const { orgId, owner } = await createOrg("inv6-life");
    await rpc(owner.actor, "update_organization", {
      p_org_id: orgId,
      p_invitation_lifetime_hours: 2,
    });
    const [row] = await rpc<{ expires_at: Date }>(owner.actor, "create_invitations", {
      p_org_id: orgId,
      p_emails: [uniqueEmail("l")],
      p_role: "viewer",
    });
    const hours = (row!.expires_at.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThan(2.1);
  });

  it("is bound to the accepting user's email: another user (even with a forged JWT email claim) is refused", async () => {
    const invited = uniqueEmail("inv6-bound");
    const { token } = await inviteToken(f.orgId, f.owner.actor, invited);
    const attacker = await createUser("inv6-attacker");
    const before = await orgStateSnapshot(f.orgId);
    await expectRefused(
      rpc(attacker.actor, "accept_invitation", { p_token: token }),
      "invitation_email_mismatch",
    );
    const forged: Actor = { role: "authenticated", userId: attacker.userId, email: invited };
    await expectRefused(
      rpc(forged, "accept_invitation", { p_token: token }),
      "invitation_email_mismatch",
    );
    await expectRefused(
      rpc(forged, "decline_invitation", { p_token: token }),
      "invitation_email_mismatch",
    );
    expect(await orgStateSnapshot(f.orgId)).toEqual(before);
  });

  it("requires a confirmed email: an unconfirmed account with the invited address is refused", async () => {
    const email = uniqueEmail("inv6-unconfirmed");
    const { token } = await inviteToken(f.orgId, f.owner.actor, email);
    const user = await signUp(email, { confirmed: false });
    await expectRefused(
      rpc(user.actor, "accept_invitation", { p_token: token }),
      "invitation_email_mismatch",
    );
    await expectRefused(
      rpc(user.actor, "decline_invitation", { p_token: token }),
      "invitation_email_mismatch",
    );
    expect(await membershipOf(f.orgId, user.userId)).toBeUndefined();

    // un-confirming an account later takes effect too
    const other = await signUp(uniqueEmail("inv6-unconfirm-later"));
    const second = await inviteToken(f.orgId, f.owner.actor, other.email);
    await ownerPool.query(`update auth.users set email_confirmed_at = null where id = $1`, [
      other.userId,
    ]);
    await expectRefused(
      rpc(other.actor, "accept_invitation", { p_token: second.token }),
      "invitation_email_mismatch",
    );
    await ownerPool.query(`update auth.users set email_confirmed_at = now() where id = $1`, [
      other.userId,
    ]);
    await rpc(other.actor, "accept_invitation", { p_token: second.token });
    expect(await membershipOf(f.orgId, other.userId)).toEqual({ role: "member", status: "active" });
  });

  it("compares emails case-insensitively in both directions", async () => {
    const local = `Mixed.Case-${randomUUID().slice(0, 8)}`;
    const [row] = await rpc<{ token: string; email: string }>(f.owner.actor, "create_invitations", {
      p_org_id: f.orgId,
      p_emails: [`  ${local}@Test.Roster.DEV `],
      p_role: "viewer",
    });
    expect(row!.email).toBe(`${local.toLowerCase()}@test.roster.dev`);
    const user = await signUp(`${local.toUpperCase()}@TEST.roster.dev`);
    const [accepted] = await rpc(user.actor, "accept_invitation", { p_token: row!.token });
    expect(accepted).toEqual({ org_id: f.orgId, role: "viewer" });
  });

  it("is revocable: a revoked link is refused, and cannot be revoked or resent again", async () => {
    const user = await signUp(uniqueEmail("inv6-revoke"));
    const { token, id } = await inviteToken(f.orgId, f.owner.actor, user.email);
    await rpc(f.admin.actor, "revoke_invitation", { p_invitation_id: id });
    await expectRefused(
      rpc(user.actor, "accept_invitation", { p_token: token }),
      "invitation_revoked",
    );
    await expectRefused(
      rpc(f.owner.actor, "revoke_invitation", { p_invitation_id: id }),
      "invitation_revoked",
    );
    await expectRefused(
      rpc(f.owner.actor, "resend_invitation", { p_invitation_id: id }),
      "invitation_revoked",
    );
    expect(await membershipOf(f.orgId, user.userId)).toBeUndefined();
  });

  it("a resend rotates the token: the old link stops working, the new one works", async () => {
    const user = await signUp(uniqueEmail("inv6-resend"));
    const first = await inviteToken(f.orgId, f.owner.actor, user.email);
    const [resent] = await rpc<{ token: string; invitation_id: string }>(
      f.admin.actor,
      "resend_invitation",
      { p_invitation_id: first.id },
    );
    expect(resent!.invitation_id).toBe(first.id);
    expect(resent!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(resent!.token).not.toBe(first.token);
    await expectRefused(
      rpc(user.actor, "accept_invitation", { p_token: first.token }),
      "invalid_token",
    );
    const [preview] = await rpc<{ status: string }>(
      { role: "service_role" },
      "get_invitation_preview",
      { p_token: first.token },
    );
    expect(preview!.status).toBe("unknown");
    await rpc(user.actor, "accept_invitation", { p_token: resent!.token });
    expect(await membershipOf(f.orgId, user.userId)).toEqual({ role: "member", status: "active" });
  });

  it("at most one pending invitation per (org, email), whatever the case; a forged second row is refused", async () => {
    const email = uniqueEmail("inv6-one");
    const { id } = await inviteToken(f.orgId, f.owner.actor, email);
    const before = await orgStateSnapshot(f.orgId);
    await expectRefused(
      rpc(f.admin.actor, "create_invitations", {
        p_org_id: f.orgId,
        p_emails: [email.toUpperCase()],
        p_role: "viewer",
      }),
      "invitation_pending",
    );
    expect(await orgStateSnapshot(f.orgId)).toEqual(before);
    const mixed = await rpc<{ email: string; status: string; invitation_id: string | null }>(
      f.owner.actor,
      "create_invitations",
      {
        p_org_id: f.orgId,
        p_emails: [email, "NEW-" + email, "new-" + email.toUpperCase()],
        p_role: "viewer",
      },
    );
    expect(mixed.map((row) => row.status)).toEqual(["already_invited", "created", "duplicate"]);
    expect(mixed[0]!.invitation_id).toBe(id);
    const forged = await refusal(
      ownerPool.query(
        `insert into roster.invitations (org_id, email, role, token_hash, expires_at) values ($1, $2, 'viewer', sha256(extensions.gen_random_bytes(8)), now() + interval '1 day')`,
        [f.orgId, email.toUpperCase()],
      ),
    );
    expect(forged.code).toBe("23505");
  });

  it("active and suspended members cannot be invited; removed ones can come back", async () => {
    const before = await orgStateSnapshot(f.orgId);
    for (const user of [f.member, f.admin, f.suspended, f.owner]) {
      await expectRefused(
        rpc(f.owner.actor, "create_invitations", {
          p_org_id: f.orgId,
          p_emails: [user.email.toUpperCase()],
          p_role: "viewer",
        }),
        "already_member",
      );
    }
    expect(await orgStateSnapshot(f.orgId)).toEqual(before);
    const { token } = await inviteToken(f.orgId, f.owner.actor, f.removed.email, "viewer");
    await rpc(f.removed.actor, "accept_invitation", { p_token: token });
    expect(await membershipOf(f.orgId, f.removed.userId)).toEqual({
      role: "viewer",
      status: "active",
    });
  });
});

// =============================================================================================
describe("invariant 7: audit — one event per change, append-only for everyone, hash-chained", () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await createOrgFixture("inv7");
  });

  it("each state change writes exactly one event; a refused one writes none", async () => {
    const user = await createUser("inv7-one");
    let count = await auditCount(f.orgId);
    const step = async (call: () => Promise<unknown>, delta: number) => {
      await call().catch(() => undefined);
      const now = await auditCount(f.orgId);
      expect(now - count).toBe(delta);
      count = now;
    };
    const { token } = await inviteToken(f.orgId, f.owner.actor, user.email);
    count = await auditCount(f.orgId);
    await step(() => rpc(user.actor, "accept_invitation", { p_token: token }), 1);
    await step(() => rpc(user.actor, "accept_invitation", { p_token: token }), 0);
    await step(
      () =>
        rpc(f.owner.actor, "suspend_member", {
          p_org_id: f.orgId,
          p_user_id: user.userId,
          p_reason: "One",
        }),
      1,
    );
    await step(
      () =>
        rpc(f.owner.actor, "suspend_member", {
          p_org_id: f.orgId,
          p_user_id: user.userId,
          p_reason: "Again",
        }),
      0,
    );
    await step(
      () =>
        rpc(f.admin.actor, "remove_member", {
          p_org_id: f.orgId,
          p_user_id: f.owner.userId,
          p_reason: "x",
        }),
      0,
    );
    await step(
      () => rpc(f.owner.actor, "update_organization", { p_org_id: f.orgId, p_name: f.name }),
      0,
    );
  });

  it("UPDATE, DELETE and TRUNCATE are rejected by trigger even for the superuser (table owner)", async () => {
    const { rows } = await ownerPool.query<{ id: string; reason: string | null }>(
      `select id::text, reason from roster.audit_events where org_id = $1 order by id limit 1`,
      [f.orgId],
    );
    const id = rows[0]!.id;
    for (const sql of [
      `update roster.audit_events set reason = 'forged' where id = ${id}`,
      `delete from roster.audit_events where id = ${id}`,
      `truncate roster.audit_events`,
    ]) {
      const error = await refusal(ownerPool.query(sql));
      expect({ code: error.code, hint: error.hint }).toEqual({ code: "42501", hint: "forbidden" });
    }
    const after = await ownerPool.query(
      `select id::text, reason from roster.audit_events where id = $1`,
      [id],
    );
    expect(after.rows).toEqual(rows.slice(0, 1));
  });

  it("API roles have no write privilege on audit_events", async () => {
    for (const actor of [f.owner.actor, { role: "service_role" } as Actor]) {
      await expectPermissionDenied(
        selectAs(actor, `update roster.audit_events set reason = 'x' where org_id = $1`, [f.orgId]),
      );
      await expectPermissionDenied(
        selectAs(actor, `delete from roster.audit_events where org_id = $1`, [f.orgId]),
      );
      await expectPermissionDenied(
        selectAs(
          actor,
          `insert into roster.audit_events (org_id, actor_kind, action, hash) values ($1, 'system', 'org.updated', '\\x00')`,
          [f.orgId],
        ),
      );
    }
  });

  it("events are chained per org, and even a superuser insert is chained", async () => {
    await ownerPool.query(
      `insert into roster.audit_events (org_id, actor_kind, action, reason, hash) values ($1, 'support', 'org.updated', 'direct insert', '\\x00'::bytea)`,
      [f.orgId],
    );
    const { rows } = await ownerPool.query<{ linked: boolean; newest: string }>(
      `select bool_and(prev_hash is not distinct from lag_hash) as linked, max(id)::text as newest from (
         select id, prev_hash, lag(hash) over (order by id) as lag_hash from roster.audit_events where org_id = $1) c`,
      [f.orgId],
    );
    expect(rows[0]).toEqual({ linked: true, newest: expect.any(String) });
    const [verified] = await rpc(f.viewer.actor, "verify_audit_chain", {
      p_org_id: f.orgId,
    });
    expect(verified).toMatchObject({
      ok: true,
      first_broken_id: null,
      verified_through_id: rows[0]!.newest,
    });
  });

  it("verify_audit_chain reports the first broken link after a committed tamper; the trigger is restored", async () => {
    const { orgId, owner } = await createOrg("inv7-tamper");
    for (const name of ["a", "b", "c", "d"])
      await rpc(owner.actor, "update_organization", { p_org_id: orgId, p_description: name });
    const { rows } = await ownerPool.query<{ id: string }>(
      `select id::text from roster.audit_events where org_id = $1 order by id`,
      [orgId],
    );
    const ids = rows.map((row) => row.id);
    await tamperAuditLog([
      [
        `update roster.audit_events set reason = 'forged' where id = any($1::bigint[])`,
        [[ids[2], ids[4]]],
      ],
    ]);
    const [verified] = await rpc(owner.actor, "verify_audit_chain", { p_org_id: orgId });
    expect(verified).toMatchObject({
      ok: false,
      checked: String(ids.length),
      first_broken_id: ids[2],
    });
    const trigger = await ownerPool.query(
      `select tgenabled from pg_trigger where tgname = 'audit_events_no_update'`,
    );
    expect(trigger.rows).toEqual([{ tgenabled: "O" }]);
  });
});

// =============================================================================================
describe("invariant 8: ownership transfer is two-step, confirmed by name, atomic, expiring", () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await createOrgFixture("inv8");
  });

  const request = (actor: Actor, orgId: string, to: string, confirm: unknown) =>
    rpc<{ id: string; expires_at: Date; requested_at: Date; status: string }>(
      actor,
      "request_ownership_transfer",
      {
        p_org_id: orgId,
        p_to_user_id: to,
        p_confirm_name: confirm,
      },
    );

  it("the request needs the exact org name typed", async () => {
    const before = await orgStateSnapshot(f.orgId);
    for (const confirm of [
      null,
      "",
      f.name.toUpperCase(),
      f.name.slice(0, -1),
      `${f.name}x`,
      f.name.replace(" ", "  "),
    ]) {
      await expectRefused(
        request(f.owner.actor, f.orgId, f.admin.userId, confirm),
        "confirmation_mismatch",
      );
    }
    expect(await orgStateSnapshot(f.orgId)).toEqual(before);
  });

  it("only the owner requests, and only for an active member", async () => {
    await expectRefused(request(f.admin.actor, f.orgId, f.member.userId, f.name), "forbidden");
    await expectRefused(request(f.viewer.actor, f.orgId, f.member.userId, f.name), "forbidden");
    for (const target of [f.suspended, f.removed, f.outsider]) {
      await expectRefused(request(f.owner.actor, f.orgId, target.userId, f.name), "not_found");
    }
  });

  it("only the recipient accepts; the swap is atomic (target → owner, old owner → admin); it is single use", async () => {
    const { orgId, name, owner } = await createOrg("inv8-swap");
    const [heir, admin] = await Promise.all([createUser("inv8-heir"), createUser("inv8-admin")]);
    await addMember(orgId, owner.actor, heir, "viewer");
    await addMember(orgId, owner.actor, admin, "admin");
    const [transfer] = await request(owner.actor, orgId, heir.userId, `  ${name}  `);
    expect(transfer!.status).toBe("pending");
    expect(transfer!.expires_at.getTime() - transfer!.requested_at.getTime()).toBe(48 * 3_600_000);
    await expectRefused(request(owner.actor, orgId, admin.userId, name), "transfer_pending");

    await expectRefused(
      rpc(admin.actor, "accept_ownership_transfer", { p_transfer_id: transfer!.id }),
      "forbidden",
    );
    await expectRefused(
      rpc(owner.actor, "accept_ownership_transfer", { p_transfer_id: transfer!.id }),
      "forbidden",
    );
    const outsider = await createUser("inv8-out");
    await expectRefused(
      rpc(outsider.actor, "accept_ownership_transfer", { p_transfer_id: transfer!.id }),
      "not_found",
    );
    expect(await activeOwners(orgId)).toEqual([owner.userId]);

    const [accepted] = await rpc<{ status: string }>(heir.actor, "accept_ownership_transfer", {
      p_transfer_id: transfer!.id,
    });
    expect(accepted!.status).toBe("accepted");
    expect(await activeOwners(orgId)).toEqual([heir.userId]);
    expect(await membershipOf(orgId, owner.userId)).toEqual({ role: "admin", status: "active" });
    await expectRefused(
      rpc(heir.actor, "accept_ownership_transfer", { p_transfer_id: transfer!.id }),
      "transfer_closed",
    );
    await expectRefused(
      rpc(owner.actor, "delete_organization", { p_org_id: orgId, p_confirm_name: name }),
      "forbidden",
    );
    const pending = await selectAs(
      heir.actor,
      `select id from roster.my_pending_transfers where org_id = $1`,
      [orgId],
    );
    expect(pending).toEqual([]);
  });

  it("an expired transfer cannot be accepted, declined or cancelled", async () => {
    const { orgId, name, owner } = await createOrg("inv8-exp");
    const heir = await createUser("inv8-exp-heir");
    await addMember(orgId, owner.actor, heir, "member");
    const [transfer] = await request(owner.actor, orgId, heir.userId, name);
    const expire = (client: pg.PoolClient) =>
      client.query(
        `update roster.ownership_transfers set expires_at = now() - interval '1 second' where id = $1`,
        [transfer!.id],
      );
    for (const [actor, fn] of [
      [heir.actor, "accept_ownership_transfer"],
      [heir.actor, "decline_ownership_transfer"],
      [owner.actor, "cancel_ownership_transfer"],
    ] as const) {
      const error = await refusal(
        asActorAfterSetup(expire, actor, (client) =>
          client.query(`select * from public.${fn}(p_transfer_id => $1)`, [transfer!.id]),
        ),
      );
      expect({ code: error.code, hint: error.hint }).toEqual({
        code: "P0001",
        hint: "transfer_expired",
      });
    }
    const seen = await asActorAfterSetup(
      expire,
      heir.actor,
      async (client) =>
        (
          await client.query(`select id from roster.my_pending_transfers where id = $1`, [
            transfer!.id,
          ])
        ).rows,
    );
    expect(seen).toEqual([]);
    expect(await activeOwners(orgId)).toEqual([owner.userId]);
  });

  it("a declined or cancelled transfer cannot be accepted later", async () => {
    const { orgId, name, owner } = await createOrg("inv8-closed");
    const heir = await createUser("inv8-closed-heir");
    await addMember(orgId, owner.actor, heir, "member");
    const [declined] = await request(owner.actor, orgId, heir.userId, name);
    await rpc(heir.actor, "decline_ownership_transfer", { p_transfer_id: declined!.id });
    await expectRefused(
      rpc(heir.actor, "accept_ownership_transfer", { p_transfer_id: declined!.id }),
      "transfer_closed",
    );
    const [cancelled] = await request(owner.actor, orgId, heir.userId, name);
    await rpc(owner.actor, "cancel_ownership_transfer", { p_transfer_id: cancelled!.id });
    await expectRefused(
      rpc(heir.actor, "accept_ownership_transfer", { p_transfer_id: cancelled!.id }),
      "transfer_closed",
    );
    expect(await activeOwners(orgId)).toEqual([owner.userId]);
  });

  it("a transfer whose requester is no longer owner (support recovery) cannot be accepted", async () => {
    const { orgId, name, owner } = await createOrg("inv8-stale");
    const [heir, rescued] = await Promise.all([
      createUser("inv8-stale-heir"),
      createUser("inv8-rescued"),
    ]);
    await addMember(orgId, owner.actor, heir, "member");
    const [transfer] = await request(owner.actor, orgId, heir.userId, name);
    await rpc({ role: "service_role" }, "support_restore_access", {
      p_org_id: orgId,
      p_email: rescued.email,
      p_ticket: "T-8",
      p_operator: "ops",
    });
    await expectRefused(
      rpc(heir.actor, "accept_ownership_transfer", { p_transfer_id: transfer!.id }),
      "transfer_closed",
    );
    expect(await activeOwners(orgId)).toEqual([rescued.userId]);
  });

  it("a recipient who was suspended after the request cannot accept", async () => {
    const { orgId, name, owner } = await createOrg("inv8-susp");
    const heir = await createUser("inv8-susp-heir");
    await addMember(orgId, owner.actor, heir, "member");
    const [transfer] = await request(owner.actor, orgId, heir.userId, name);
    await rpc(owner.actor, "suspend_member", {
      p_org_id: orgId,
      p_user_id: heir.userId,
      p_reason: "Changed my mind",
    });
    await expectRefused(
      rpc(heir.actor, "accept_ownership_transfer", { p_transfer_id: transfer!.id }),
      "not_found",
    );
    expect(await activeOwners(orgId)).toEqual([owner.userId]);
  });
});

// =============================================================================================
describe("invariant 9: the owner cannot leave or be removed; nobody is left without an org", () => {
  it("the owner can neither leave nor be removed", async () => {
    const f = await createOrgFixture("inv9");
    await expectRefused(
      rpc(f.owner.actor, "leave_organization", { p_org_id: f.orgId }),
      "last_owner",
    );
    await expectRefused(
      rpc(f.admin.actor, "remove_member", {
        p_org_id: f.orgId,
        p_user_id: f.owner.userId,
        p_reason: "Out",
      }),
      "last_owner",
    );
    await expectRefused(
      rpc(f.owner.actor, "remove_member", {
        p_org_id: f.orgId,
        p_user_id: f.owner.userId,
        p_reason: "Out",
      }),
      "cannot_act_on_self",
    );
    expect(await membershipOf(f.orgId, f.owner.userId)).toEqual({
      role: "owner",
      status: "active",
    });
  });

  it("a new sign-up without an invitation gets a personal org (owner, audited as system)", async () => {
    const user = await signUp(uniqueEmail("inv9-new"));
    const personal = await personalOrgsOf(user.userId);
    expect(personal).toHaveLength(1);
    const mine = await selectAs<{ org_id: string; role: string; is_personal: boolean }>(
      user.actor,
      `select org_id, role::text, is_personal from roster.my_memberships`,
    );
    expect(mine).toEqual([{ org_id: personal[0], role: "owner", is_personal: true }]);
    const { rows } = await ownerPool.query(
      `select action, actor_kind::text from roster.audit_events where org_id = $1`,
      [personal[0]],
    );
    expect(rows).toEqual([{ action: "org.created", actor_kind: "system" }]);
  });

  it("a sign-up with a pending invitation gets none; with an expired one, or one from a deleted org, it does", async () => {
    const { orgId, owner } = await createOrg("inv9-inv");
    const invited = uniqueEmail("inv9-invited");
    await inviteToken(orgId, owner.actor, invited);
    expect(await personalOrgsOf((await signUp(invited.toUpperCase())).userId)).toEqual([]);

    const expired = uniqueEmail("inv9-expired");
    const { id } = await inviteToken(orgId, owner.actor, expired);
    await ownerPool.query(
      `update roster.invitations set expires_at = now() - interval '1 minute' where id = $1`,
      [id],
    );
    expect(await personalOrgsOf((await signUp(expired)).userId)).toHaveLength(1);

    const orphan = uniqueEmail("inv9-orphan");
    const other = await createOrg("inv9-gone");
    await inviteToken(other.orgId, other.owner.actor, orphan);
    await rpc(other.owner.actor, "delete_organization", {
      p_org_id: other.orgId,
      p_confirm_name: other.name,
    });
    expect(await personalOrgsOf((await signUp(orphan)).userId)).toHaveLength(1);
  });

  it("leaving the last org creates a personal org; leaving one of several does not", async () => {
    const a = await createOrg("inv9-a");
    const b = await createOrg("inv9-b");
    const email = uniqueEmail("inv9-leaver");
    const tokenA = await inviteToken(a.orgId, a.owner.actor, email);
    const tokenB = await inviteToken(b.orgId, b.owner.actor, email);
    const user = await signUp(email);
    await rpc(user.actor, "accept_invitation", { p_token: tokenA.token });
    await rpc(user.actor, "accept_invitation", { p_token: tokenB.token });
    expect(await personalOrgsOf(user.userId)).toEqual([]);

    const [first] = await rpc<{ leave_organization: string | null }>(
      user.actor,
      "leave_organization",
      { p_org_id: a.orgId },
    );
    expect(first!.leave_organization).toBeNull();
    expect(await personalOrgsOf(user.userId)).toEqual([]);
    const [last] = await rpc<{ leave_organization: string | null }>(
      user.actor,
      "leave_organization",
      { p_org_id: b.orgId },
    );
    expect(await personalOrgsOf(user.userId)).toEqual([last!.leave_organization]);
    const { rows } = await ownerPool.query(
      `select action, actor_id from roster.audit_events where org_id = $1`,
      [last!.leave_organization],
    );
    expect(rows).toEqual([{ action: "org.created", actor_id: user.userId }]);
  });

  it("leaving the last two orgs concurrently creates exactly one personal org", async () => {
    const a = await createOrg("inv9-ca");
    const b = await createOrg("inv9-cb");
    const email = uniqueEmail("inv9-race");
    const tokens = [
      await inviteToken(a.orgId, a.owner.actor, email),
      await inviteToken(b.orgId, b.owner.actor, email),
    ];
    const user = await signUp(email);
    for (const { token } of tokens) await rpc(user.actor, "accept_invitation", { p_token: token });
    await Promise.all(
      [a.orgId, b.orgId].map((orgId) => rpc(user.actor, "leave_organization", { p_org_id: orgId })),
    );
    expect(await personalOrgsOf(user.userId)).toHaveLength(1);
  });

  it("declining your only invitation creates a personal org", async () => {
    const { orgId, owner } = await createOrg("inv9-decline");
    const email = uniqueEmail("inv9-decliner");
    const { token } = await inviteToken(orgId, owner.actor, email);
    const user = await signUp(email);
    expect(await personalOrgsOf(user.userId)).toEqual([]);
    await rpc(user.actor, "decline_invitation", { p_token: token });
    expect(await personalOrgsOf(user.userId)).toHaveLength(1);
  });
});

// =============================================================================================
describe("invariant 10: deleting an org makes all its data unreachable at once", () => {
  let f: OrgFixture;
  let inviteTokenValue: string;
  let invitationId: string;
  let transferId: string;
  const relations = [
    ["organizations", "id"],
    ["role_permissions", "org_id"],
    ["memberships", "org_id"],
    ["invitations", "org_id"],
    ["ownership_transfers", "org_id"],
    ["audit_events", "org_id"],
    ["customers", "org_id"],
    ["conversations", "org_id"],
    ["messages", "org_id"],
    ["ai_drafts", "org_id"],
    ["member_directory", "org_id"],
    ["my_memberships", "org_id"],
    ["invitation_list", "org_id"],
    ["my_pending_transfers", "org_id"],
  ] as const;
  const countAll = (actor: Actor) =>
    selectAs<Record<string, number>>(
      actor,
      `select ${relations.map(([table, column]) => `(select count(*) from public.${table} where ${column} = $1)::int as ${table}`).join(", ")}`,
      [f.orgId],
    ).then((rows) => rows[0]!);

  beforeAll(async () => {
    f = await createOrgFixture("inv10");
    await asActor(f.member.actor, async (client) => {
      const customer = await client.query(
        `insert into public.customers (org_id, name) values ($1, 'Doomed') returning id`,
        [f.orgId],
      );
      const conversation = await client.query(
        `insert into public.conversations (org_id, customer_id, subject) values ($1, $2, 'Hello') returning id`,
        [f.orgId, customer.rows[0].id],
      );
      await client.query(
        `insert into public.messages (org_id, conversation_id, direction, author_kind, body) values ($1, $2, 'inbound', 'customer', 'Hi')`,
        [f.orgId, conversation.rows[0].id],
      );
      await client.query(
        `insert into public.ai_drafts (org_id, conversation_id, body) values ($1, $2, 'Draft')`,
        [f.orgId, conversation.rows[0].id],
      );
    });
    const invitation = await inviteToken(f.orgId, f.owner.actor, f.outsider.email);
    inviteTokenValue = invitation.token;
    invitationId = invitation.id;
    const [transfer] = await rpc<{ id: string }>(f.owner.actor, "request_ownership_transfer", {
      p_org_id: f.orgId,
      p_to_user_id: f.member.userId,
      p_confirm_name: f.name,
    });
    transferId = transfer!.id;
  });

  it("only the owner with the exact name can delete; refusals change nothing", async () => {
    const before = await orgStateSnapshot(f.orgId);
    await expectRefused(
      rpc(f.admin.actor, "delete_organization", { p_org_id: f.orgId, p_confirm_name: f.name }),
      "forbidden",
    );
    for (const confirm of [null, "", f.name.toUpperCase(), "yes"]) {
      await expectRefused(
        rpc(f.owner.actor, "delete_organization", { p_org_id: f.orgId, p_confirm_name: confirm }),
        "confirmation_mismatch",
      );
    }
    expect(await orgStateSnapshot(f.orgId)).toEqual(before);
  });

  it("after deletion every table, view and RPC is closed for every member", async () => {
    const owner = await countAll(f.owner.actor);
    const member = await countAll(f.member.actor);
    for (const [table] of relations) expect(owner[table], table).toBeGreaterThan(0);
    expect(member.my_pending_transfers).toBe(1);
    expect(member.customers).toBe(1);

    await rpc(f.owner.actor, "delete_organization", {
      p_org_id: f.orgId,
      p_confirm_name: `  ${f.name} `,
    });

    for (const user of [f.owner, f.admin, f.member, f.viewer]) {
      expect(
        Object.values(await countAll(user.actor)).every((n) => n === 0),
        user.email,
      ).toBe(true);
      const updated = await asActor(user.actor, (client) =>
        client.query(`update public.customers set notes = 'x' where org_id = $1`, [f.orgId]),
      );
      expect(updated.rowCount).toBe(0);
      await expectPermissionDenied(
        selectAs(user.actor, `insert into public.customers (org_id, name) values ($1, 'Zombie')`, [
          f.orgId,
        ]),
      );
    }
    const o = f.owner.actor;
    const orgCalls: Array<[Actor, string, Record<string, unknown>]> = [
      [o, "update_organization", { p_org_id: f.orgId, p_name: "Revived" }],
      [o, "delete_organization", { p_org_id: f.orgId, p_confirm_name: f.name }],
      [
        o,
        "create_invitations",
        { p_org_id: f.orgId, p_emails: [uniqueEmail("z")], p_role: "viewer" },
      ],
      [o, "resend_invitation", { p_invitation_id: invitationId }],
      [o, "revoke_invitation", { p_invitation_id: invitationId }],
      [
        o,
        "change_member_role",
        { p_org_id: f.orgId, p_user_id: f.member.userId, p_role: "viewer", p_reason: "x" },
      ],
      [o, "set_role_permissions", { p_org_id: f.orgId, p_role: "viewer", p_permissions: [] }],
      [o, "verify_audit_chain", { p_org_id: f.orgId }],
      [o, "record_audit_export", { p_org_id: f.orgId, p_format: "csv" }],
      [o, "touch_membership", { p_org_id: f.orgId }],
      [f.admin.actor, "leave_organization", { p_org_id: f.orgId }],
      [
        f.admin.actor,
        "remove_member",
        { p_org_id: f.orgId, p_user_id: f.member.userId, p_reason: "x" },
      ],
      [f.member.actor, "accept_ownership_transfer", { p_transfer_id: transferId }],
      [o, "cancel_ownership_transfer", { p_transfer_id: transferId }],
    ];
    for (const [actor, name, args] of orgCalls) {
      const error = await refusal(rpc(actor, name, args));
      expect({ name, hint: error.hint, code: error.code }).toEqual({
        name,
        hint: "not_found",
        code: "PT404",
      });
    }
    await expectRefused(
      rpc(f.outsider.actor, "accept_invitation", { p_token: inviteTokenValue }),
      "invalid_token",
    );
    const [preview] = await rpc<{ status: string; org_name: string | null }>(
      { role: "service_role" },
      "get_invitation_preview",
      { p_token: inviteTokenValue },
    );
    expect(preview).toMatchObject({ status: "unknown", org_name: null });
    await expectRefused(
      rpc({ role: "service_role" }, "support_restore_access", {
        p_org_id: f.orgId,
        p_email: f.admin.email,
        p_ticket: "T",
        p_operator: "ops",
      }),
      "not_found",
    );
  });

  it("the deletion closed pending invitations and transfers, and freed the slug", async () => {
    const { rows } = await ownerPool.query(
      `select o.deleted_at is not null as deleted, o.slug::text as slug,
         (select status::text from roster.invitations where id = $2) as invitation,
         (select status::text from roster.ownership_transfers where id = $3) as transfer,
         (select after from roster.audit_events where org_id = $1 and action = 'org.deleted') as event
       from roster.organizations o where o.id = $1`,
      [f.orgId, invitationId, transferId],
    );
    expect(rows[0]).toMatchObject({ deleted: true, invitation: "revoked", transfer: "cancelled" });
    expect(rows[0].event).toMatchObject({ deleted: true, pending_transfers_cancelled: 1 });
    const [reused] = await rpc<{ slug: string }>(f.outsider.actor, "create_organization", {
      p_name: "Reuse",
      p_slug: rows[0].slug,
    });
    expect(reused!.slug).toBe(rows[0].slug);
  });
});

// =============================================================================================
describe("invariant 11: every failure has a stable key and changes nothing", () => {
  let f: OrgFixture;
  let pendingInvitation: { id: string; token: string };
  let revokedInvitation: { id: string; token: string };
  let suspendedToken: string;
  let transferId: string;
  const duplicateEmail = uniqueEmail("inv11-dup");
  const takenSlug = `inv11-taken-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    f = await createOrgFixture("inv11");
    pendingInvitation = await inviteToken(f.orgId, f.owner.actor, duplicateEmail, "viewer");
    revokedInvitation = await inviteToken(
      f.orgId,
      f.owner.actor,
      uniqueEmail("inv11-revoked"),
      "viewer",
    );
    await rpc(f.owner.actor, "revoke_invitation", { p_invitation_id: revokedInvitation.id });
    const [transfer] = await rpc<{ id: string }>(f.owner.actor, "request_ownership_transfer", {
      p_org_id: f.orgId,
      p_to_user_id: f.admin.userId,
      p_confirm_name: f.name,
    });
    transferId = transfer!.id;
    await rpc(f.outsider.actor, "create_organization", { p_name: "Taken", p_slug: takenSlug });
    // Setup only: an invitation addressed to the suspended member (the RPC refuses to create one).
    suspendedToken = randomBytes(32).toString("base64url");
    await ownerPool.query(
      `insert into roster.invitations (org_id, email, role, token_hash, invited_by, expires_at)
       values ($1, $2, 'viewer', sha256(convert_to($3, 'UTF8')), $4, now() + interval '1 day')`,
      [f.orgId, f.suspended.email, suspendedToken, f.owner.userId],
    );
  });

  type Failure = [
    hint: string,
    position: Position,
    name: string,
    args: () => Record<string, unknown>,
  ];
  const failures: Failure[] = [
    ["forbidden", "member", "update_organization", () => ({ p_org_id: f.orgId, p_name: "Nope" })],
    ["forbidden", "viewer", "record_audit_export", () => ({ p_org_id: f.orgId, p_format: "csv" })],
    ["forbidden", "owner", "accept_ownership_transfer", () => ({ p_transfer_id: transferId })],
    [
      "forbidden",
      "admin",
      "delete_organization",
      () => ({ p_org_id: f.orgId, p_confirm_name: f.name }),
    ],
    ["not_found", "outsider", "update_organization", () => ({ p_org_id: f.orgId, p_name: "Nope" })],
    ["not_found", "suspended", "touch_membership", () => ({ p_org_id: f.orgId })],
    ["not_found", "member", "accept_ownership_transfer", () => ({ p_transfer_id: transferId })],
    [
      "not_found",
      "owner",
      "suspend_member",
      () => ({ p_org_id: f.orgId, p_user_id: f.outsider.userId, p_reason: "x" }),
    ],
    ["not_found", "owner", "revoke_invitation", () => ({ p_invitation_id: randomUUID() })],
    ["invalid_token", "outsider", "accept_invitation", () => ({ p_token: "A".repeat(43) })],
    ["last_owner", "owner", "leave_organization", () => ({ p_org_id: f.orgId })],
    [
      "last_owner",
      "admin",
      "suspend_member",
      () => ({ p_org_id: f.orgId, p_user_id: f.owner.userId, p_reason: "x" }),
    ],
    [
      "cannot_act_on_self",
      "admin",
      "remove_member",
      () => ({ p_org_id: f.orgId, p_user_id: f.admin.userId, p_reason: "x" }),
    ],
    [
      "role_too_high",
      "admin",
      "create_invitations",
      () => ({ p_org_id: f.orgId, p_emails: [uniqueEmail("r")], p_role: "admin" }),
    ],
    [
      "owner_via_transfer_only",
      "owner",
      "change_member_role",
      () => ({ p_org_id: f.orgId, p_user_id: f.member.userId, p_role: "owner", p_reason: "x" }),
    ],
    [
      "already_member",
      "owner",
      "create_invitations",
      () => ({ p_org_id: f.orgId, p_emails: [f.viewer.email], p_role: "viewer" }),
    ],
    ["already_member", "suspended", "accept_invitation", () => ({ p_token: suspendedToken })],
    [
      "invitation_pending",
      "admin",
      "create_invitations",
      () => ({ p_org_id: f.orgId, p_emails: [duplicateEmail], p_role: "viewer" }),
    ],
    [
      "invitation_revoked",
      "owner",
      "resend_invitation",
      () => ({ p_invitation_id: revokedInvitation.id }),
    ],
    [
      "invitation_email_mismatch",
      "outsider",
      "decline_invitation",
      () => ({ p_token: pendingInvitation.token }),
    ],
    [
      "transfer_pending",
      "owner",
      "request_ownership_transfer",
      () => ({ p_org_id: f.orgId, p_to_user_id: f.member.userId, p_confirm_name: f.name }),
    ],
    [
      "confirmation_mismatch",
      "owner",
      "request_ownership_transfer",
      () => ({ p_org_id: f.orgId, p_to_user_id: f.member.userId, p_confirm_name: "x" }),
    ],
    [
      "reason_required",
      "owner",
      "suspend_member",
      () => ({ p_org_id: f.orgId, p_user_id: f.member.userId, p_reason: "  " }),
    ],
    [
      "invalid_input",
      "owner",
      "reactivate_member",
      () => ({ p_org_id: f.orgId, p_user_id: f.member.userId, p_reason: "x" }),
    ],
    [
      "invalid_input",
      "owner",
      "change_member_role",
      () => ({ p_org_id: f.orgId, p_user_id: f.member.userId, p_role: "member", p_reason: "x" }),
    ],
    [
      "slug_taken",
      "member",
      "create_organization",
      () => ({ p_name: "Taken", p_slug: takenSlug.toUpperCase() }),
    ],
  ];

  const ownOrgs = async (userId: string) =>
    (
      await ownerPool.query(
        `select count(*)::int as n from roster.organizations where created_by = $1`,
        [userId],
      )
    ).rows[0];

  it.each(failures)("%s: %s calling %s", async (hint, position, name, args) => {
    const caller = f[position];
    const before = [await orgStateSnapshot(f.orgId), await ownOrgs(caller.userId)];
    const error = await refusal(rpc(caller.actor, name, args()));
    expect({ hint: error.hint, code: error.code }).toEqual({ hint, code: sqlstateOfHint[hint] });
    expect(error.message.length).toBeGreaterThan(5);
    expect([await orgStateSnapshot(f.orgId), await ownOrgs(caller.userId)]).toEqual(before);
  });
});
