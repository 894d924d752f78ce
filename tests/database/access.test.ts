// Issue 12: the database tells people the truth about their access. Every permission key in the
// catalog is checked somewhere, settings.read guards the business settings, the caller can read
// their own membership state after losing access, pending invitations are answered in-app by
// id, and audit events keep the names of the people involved as they were at the time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asActor, closePools, createUser, refusal, rpc, ownerPool } from "../support/db.ts";
import { createOrgFixture, inviteToken, type OrgFixture } from "../support/org.ts";

let f: OrgFixture;

beforeAll(async () => {
  f = await createOrgFixture("access");
});

afterAll(closePools);

describe("every permission key is enforced by the database", () => {
  // A key counts as enforced when a policy's USING/WITH CHECK or the body of a function outside
  // the platform schemas names it as a string literal: policies call
  // roster_private.org_ids_with('<key>') and RPCs roster_private.actor_membership(…, '<key>'). A key that
  // appears nowhere is decoration: the Roles page would claim more than the server enforces.
  it("finds each catalog key in a policy or a function body", async () => {
    const { rows } = await ownerPool.query<{ key: string }>(
      `select p.key from roster.permissions p
       where not exists (
         select 1 from pg_catalog.pg_policies pol
         where strpos(coalesce(pol.qual, '') || coalesce(pol.with_check, ''), quote_literal(p.key)) > 0)
       and not exists (
         select 1 from pg_catalog.pg_proc f join pg_catalog.pg_namespace n on n.oid = f.pronamespace
         where n.nspname in ('public', 'private') and strpos(f.prosrc, quote_literal(p.key)) > 0)
       order by p.key`,
    );
    expect(
      rows.map((row) => row.key),
      "permission keys no policy or RPC checks",
    ).toEqual([]);
  });

  it("would notice a new key nothing checks", async () => {
    const client = await ownerPool.connect();
    try {
      await client.query("begin");
      await client.query(
        `insert into roster.permissions (key, area, description) values ('reports.read', 'reports', 'View reports')`,
      );
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_catalog.pg_policies pol
         where strpos(coalesce(pol.qual, '') || coalesce(pol.with_check, ''), quote_literal('reports.read')) > 0`,
      );
      expect(rows[0]!.n).toBe(0);
    } finally {
      await client.query("rollback");
      client.release();
    }
  });
});

describe("settings.read", () => {
  const selectSettings = (actor: OrgFixture["owner"]["actor"]) =>
    asActor(actor, (client) =>
      client.query(
        "select legal_name, description, invitation_lifetime_hours from roster.organizations where id = $1",
        [f.orgId],
      ),
    );

  it("members and viewers cannot read the legal name, description or invitation lifetime", async () => {
    for (const person of [f.member, f.viewer]) {
      expect((await refusal(selectSettings(person.actor))).code).toBe("42501");
      const error = await refusal(
        rpc(person.actor, "get_organization_settings", { p_org_id: f.orgId }),
      );
      expect(error).toMatchObject({ code: "42501", hint: "forbidden" });
    }
  });

  it("every active member still reads the organization's name and slug", async () => {
    for (const person of [f.member, f.viewer, f.admin]) {
      const { rows } = await asActor(person.actor, (client) =>
        client.query("select name, slug from roster.organizations where id = $1", [f.orgId]),
      );
      expect(rows).toEqual([{ name: f.name, slug: expect.any(String) }]);
    }
  });

  it("holders read the settings through get_organization_settings", async () => {
    const [row] = await rpc<{ name: string; invitation_lifetime_hours: number }>(
      f.admin.actor,
      "get_organization_settings",
      { p_org_id: f.orgId },
    );
    expect(row).toMatchObject({ name: f.name, invitation_lifetime_hours: 48 });
  });

  it("follows the live matrix: granting settings.read to members opens it", async () => {
    await rpc(f.owner.actor, "set_role_permissions", {
      p_org_id: f.orgId,
      p_role: "member",
      p_permissions: ["settings.read", "customers.read"],
    });
    try {
      const [row] = await rpc(f.member.actor, "get_organization_settings", { p_org_id: f.orgId });
      expect(row).toMatchObject({ name: f.name });
    } finally {
      await rpc(f.owner.actor, "set_role_permissions", {
        p_org_id: f.orgId,
        p_role: "member",
        p_permissions: [
          "customers.read",
          "customers.write",
          "conversations.read",
          "conversations.write",
          "messages.read",
          "messages.write",
          "ai_drafts.read",
          "ai_drafts.write",
        ],
      });
    }
  });
});

describe("my_access: the caller's own membership in every org, whatever its status", () => {
  type Access = {
    org_id: string;
    org_name: string;
    status: string;
    role: string;
    suspended_at: string | null;
    removed_at: string | null;
  };
  const mine = async (actor: OrgFixture["owner"]["actor"]) =>
    (await rpc<Access>(actor, "my_access")).filter((row) => row.org_id === f.orgId);

  it("a suspended person learns they were suspended, and when", async () => {
    const [row] = await mine(f.suspended.actor);
    expect(row).toMatchObject({ org_name: f.name, status: "suspended", role: "member" });
    expect(row!.suspended_at).not.toBeNull();
  });

  it("a removed person learns they were removed, and when", async () => {
    const [row] = await mine(f.removed.actor);
    expect(row).toMatchObject({ org_name: f.name, status: "removed" });
    expect(row!.removed_at).not.toBeNull();
  });

  it("shows only the caller's own rows: outsiders see nothing of the org, members one row", async () => {
    expect(await mine(f.outsider.actor)).toEqual([]);
    const rows = await rpc<Access & { user_id?: string }>(f.admin.actor, "my_access");
    expect(rows.filter((row) => row.org_id === f.orgId)).toHaveLength(1);
    expect(Object.keys(rows[0]!)).not.toContain("user_id");
  });

  it("suspended and removed people still read nothing else of the org", async () => {
    for (const person of [f.suspended, f.removed]) {
      const { rows } = await asActor(person.actor, (client) =>
        client.query("select id from roster.organizations where id = $1", [f.orgId]),
      );
      expect(rows).toEqual([]);
    }
  });
});

describe("pending invitations answered in-app", () => {
  it("lists invitations to the caller's confirmed address, and accepting by id joins with the usual event", async () => {
    const invitee = await createUser("access-invitee", "Ines Invitee");
    const { id } = await inviteToken(f.orgId, f.admin.actor, invitee.email.toUpperCase(), "viewer");
    const list = await rpc<{ id: string; org_name: string; role: string }>(
      invitee.actor,
      "my_invitations",
    );
    expect(list).toEqual([expect.objectContaining({ id, org_name: f.name, role: "viewer" })]);
    // nobody else sees it
    expect(await rpc(f.outsider.actor, "my_invitations")).toEqual([]);
    const wrongPerson = await refusal(
      rpc(f.outsider.actor, "accept_invitation_by_id", { p_invitation_id: id }),
    );
    expect(wrongPerson).toMatchObject({ code: "42501", hint: "invitation_email_mismatch" });

    const [joined] = await rpc(invitee.actor, "accept_invitation_by_id", { p_invitation_id: id });
    expect(joined).toMatchObject({ org_id: f.orgId, role: "viewer" });
    const { rows } = await ownerPool.query(
      `select action, target_user_id from roster.audit_events where target_invitation_id = $1 order by id`,
      [id],
    );
    expect(rows.map((row) => row.action)).toEqual(["invitation.created", "invitation.accepted"]);
    expect(await rpc(invitee.actor, "my_invitations")).toEqual([]);
  });

  it("an unconfirmed address sees no invitations", async () => {
    const invitee = await createUser("access-unconfirmed");
    await ownerPool.query("update auth.users set email_confirmed_at = null where id = $1", [
      invitee.userId,
    ]);
    await inviteToken(f.orgId, f.admin.actor, invitee.email, "viewer");
    expect(await rpc(invitee.actor, "my_invitations")).toEqual([]);
  });

  it("declining by id is final, and the emailed link then says it was declined", async () => {
    const invitee = await createUser("access-decliner");
    const { id, token } = await inviteToken(f.orgId, f.admin.actor, invitee.email, "member");
    await rpc(invitee.actor, "decline_invitation_by_id", { p_invitation_id: id });
    const again = await refusal(rpc(invitee.actor, "accept_invitation", { p_token: token }));
    expect(again).toMatchObject({ code: "P0001", hint: "invitation_declined" });
    const unknown = await refusal(
      rpc(invitee.actor, "accept_invitation_by_id", { p_invitation_id: f.orgId }),
    );
    expect(unknown).toMatchObject({ code: "PT404", hint: "not_found" });
  });
});

describe("audit events keep names as they were", () => {
  it("a viewer reads actor and target names, unchanged by a later rename, and every actor for the filter", async () => {
    await rpc(f.owner.actor, "change_member_role", {
      p_org_id: f.orgId,
      p_user_id: f.member.userId,
      p_role: "viewer",
      p_reason: "Names test",
    });
    await rpc(f.owner.actor, "change_member_role", {
      p_org_id: f.orgId,
      p_user_id: f.member.userId,
      p_role: "member",
      p_reason: "Names test, back",
    });
    await rpc(f.member.actor, "update_profile", { p_display_name: "Renamed Later" });
    const { rows } = await asActor(f.viewer.actor, (client) =>
      client.query(
        `select actor_name, target_name from roster.audit_events
         where org_id = $1 and action = 'member.role_changed' order by id desc limit 1`,
        [f.orgId],
      ),
    );
    expect(rows).toEqual([{ actor_name: "access Owner", target_name: "access member" }]);

    const actors = await rpc<{ actor_id: string; name: string }>(f.viewer.actor, "audit_actors", {
      p_org_id: f.orgId,
    });
    const { rows: acted } = await ownerPool.query<{ actor_id: string }>(
      `select distinct actor_id from roster.audit_events where org_id = $1 and actor_kind = 'user'`,
      [f.orgId],
    );
    expect(actors.map((actor) => actor.actor_id).sort()).toEqual(
      acted.map((row) => row.actor_id).sort(),
    );
    expect(actors.map((actor) => actor.actor_id)).toEqual(
      expect.arrayContaining([f.owner.userId, f.viewer.userId, f.removed.userId]),
    );
    const [chain] = await rpc<{ ok: boolean }>(f.viewer.actor, "verify_audit_chain", {
      p_org_id: f.orgId,
    });
    expect(chain!.ok).toBe(true);
  });

  it("support recovery names the previous and the new owner", async () => {
    const g = await createOrgFixture("access-support");
    await rpc({ role: "service_role" }, "support_restore_access", {
      p_org_id: g.orgId,
      p_email: g.admin.email,
      p_ticket: "T-12",
      p_operator: "Sam Support",
    });
    const { rows } = await asActor(g.viewer.actor, (client) =>
      client.query(
        `select actor_name, target_name, before ->> 'owner_name' as previous, after ->> 'owner_name' as next
         from roster.audit_events where org_id = $1 and action = 'support.access_restored'`,
        [g.orgId],
      ),
    );
    expect(rows).toEqual([
      {
        actor_name: "Sam Support",
        target_name: "access-support admin",
        previous: "access-support Owner",
        next: "access-support admin",
      },
    ]);
  });
});
