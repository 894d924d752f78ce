// Deleting an account, through the two doors a real project has: the Auth admin API (what the
// Supabase dashboard's "Delete user" calls) and the SPA's "Delete my account" RPC. The same rule
// in the database decides both (supabase/migrations/20261206100000_account_deletion.sql).
import { afterAll, describe, expect, it } from "vitest";
import { anonClient, serviceClient, testPassword } from "../support/clients.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { createOrganization, joinAs, signUp, type Person } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";
import { auth } from "../support/auth-api.ts";

afterAll(closePools);

async function personalOrgOf(person: Person): Promise<string> {
  const { rows } = await ownerPool.query<{ org_id: string }>(
    `select m.org_id from roster.memberships m join roster.organizations o on o.id = m.org_id
     where m.user_id = $1 and o.is_personal and m.role = 'owner'`,
    [person.userId],
  );
  return rows[0]!.org_id;
}

async function userExists(userId: string): Promise<boolean> {
  const { rowCount } = await ownerPool.query("select 1 from auth.users where id = $1", [userId]);
  return rowCount === 1;
}

async function auditOf(orgId: string, targetUserId: string) {
  const { rows } = await ownerPool.query<{
    action: string;
    target_email: string;
    target_name: string;
    reason: string;
    after: Record<string, unknown>;
  }>(
    `select action, target_email, target_name, reason, after from roster.audit_events
     where org_id = $1 and target_user_id = $2 order by id`,
    [orgId, targetUserId],
  );
  return rows;
}

async function signedIn(email: string) {
  const client = anonClient();
  const { error } = await client.auth.signInWithPassword({ email, password: testPassword });
  if (error) throw error;
  return client;
}

// An owner with a colleague in their team, and that colleague.
async function ownerWithTeam(label: string) {
  const owner = await signUp(`${label}-owner`);
  const team = await createOrganization(owner, `${label} team`);
  const colleague = await joinAs(owner, team.orgId, "member", `${label}-colleague`);
  return { owner, team, colleague };
}

describe("deleting an account", () => {
  it("through the admin API: refused while the user owns an organization with other members, and nothing changes", async () => {
    const { owner, team } = await ownerWithTeam("admin-refused");
    const { error } = await serviceClient().auth.admin.deleteUser(owner.userId);
    // supabase-js reports every 5xx as retryable, without the body.
    expect(error?.status).toBe(500);
    // GoTrue answers any failure of the row's deletion so (internal/api/admin.go adminUserDelete).
    const raw = await auth(`/admin/users/${owner.userId}`, {
      method: "DELETE",
      token: stackEnv.SERVICE_ROLE_KEY,
    });
    expect(raw).toMatchObject({
      status: 500,
      body: { code: "unexpected_failure", message: "Database error deleting user" },
    });
    expect(await userExists(owner.userId)).toBe(true);
    const { rows } = await ownerPool.query(
      "select deleted_at from roster.organizations where id = $1",
      [team.orgId],
    );
    expect(rows[0].deleted_at).toBeNull();
  });

  it("through the admin API: a user in other people's organizations is deleted, their personal organization with them, one removal event per organization", async () => {
    const { owner, team, colleague } = await ownerWithTeam("admin-ok");
    const second = await createOrganization(owner, "admin-ok second");
    const { data } = await owner.client.rpc("create_invitations", {
      p_org_id: second.orgId,
      p_emails: [colleague.email],
      p_role: "viewer",
    });
    await colleague.client.rpc("accept_invitation", { p_token: data![0]!.token! });
    const personal = await personalOrgOf(colleague);

    const { error } = await serviceClient().auth.admin.deleteUser(colleague.userId);
    expect(error).toBeNull();
    expect(await userExists(colleague.userId)).toBe(false);

    const { rows: orgs } = await ownerPool.query(
      "select deleted_at from roster.organizations where id = $1",
      [personal],
    );
    expect(orgs[0].deleted_at).not.toBeNull();
    for (const org of [team, second]) {
      const events = (await auditOf(org.orgId, colleague.userId)).filter(
        (event) => event.action === "member.removed",
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        target_email: colleague.email,
        target_name: "admin-ok-colleague person",
        reason: "Account deleted",
        after: { status: "removed" },
      });
      const chain = await owner.client.rpc("verify_audit_chain", { p_org_id: org.orgId });
      expect(chain.data).toMatchObject({ ok: true });
    }
    // The person stays in each directory as a removed member, under the name and email they
    // had, linked to no account.
    for (const org of [team, second]) {
      const removed = await owner.client.rpc("list_members", {
        p_org_id: org.orgId,
        p_status: "removed",
      });
      expect(removed.data).toEqual([
        expect.objectContaining({
          kind: "member",
          user_id: null,
          display_name: "admin-ok-colleague person",
          email: colleague.email,
          status: "removed",
          removed_reason: "Account deleted",
        }),
      ]);
      const counts = await owner.client.rpc("member_counts", { p_org_id: org.orgId });
      expect(counts.data).toMatchObject({ active: 1, removed: 1 });
    }
    const found = await owner.client.rpc("list_members", {
      p_org_id: team.orgId,
      p_search: "admin-ok-colleague",
      p_include_removed: true,
    });
    expect(found.data?.map((row) => row.email)).toEqual([colleague.email]);
  });

  it("through the admin API: an ownership transfer offered to the deleted user ends on the record, and the owner can offer it to someone else", async () => {
    const { owner, team, colleague } = await ownerWithTeam("transfer-recipient");
    const other = await joinAs(owner, team.orgId, "admin", "transfer-recipient-other");
    const offered = await owner.client.rpc("request_ownership_transfer", {
      p_org_id: team.orgId,
      p_to_user_id: colleague.userId,
      p_confirm_name: team.name,
    });
    expect(offered.error).toBeNull();

    expect((await serviceClient().auth.admin.deleteUser(colleague.userId)).error).toBeNull();

    const events = await auditOf(team.orgId, colleague.userId);
    expect(events.slice(-3).map((event) => [event.action, event.reason])).toEqual([
      ["ownership.transfer_requested", null],
      ["ownership.transfer_cancelled", "Recipient account deleted"],
      ["member.removed", "Account deleted"],
    ]);
    expect(events.at(-2)!.after).toEqual({ transfer_id: offered.data!.id, status: "cancelled" });
    const { rows } = await ownerPool.query(
      "select 1 from roster.ownership_transfers where org_id = $1 and status = 'pending'",
      [team.orgId],
    );
    expect(rows).toEqual([]);
    const next = await owner.client.rpc("request_ownership_transfer", {
      p_org_id: team.orgId,
      p_to_user_id: other.userId,
      p_confirm_name: team.name,
    });
    expect(next.error).toBeNull();
    const chain = await owner.client.rpc("verify_audit_chain", { p_org_id: team.orgId });
    expect(chain.data).toMatchObject({ ok: true });
  });

  it("a deleted account's removed row can never come back to life: the database refuses it", async () => {
    const { owner, team, colleague } = await ownerWithTeam("detached");
    expect((await serviceClient().auth.admin.deleteUser(colleague.userId)).error).toBeNull();
    const { rows } = await ownerPool.query<{ id: string; deleted_user_id: string }>(
      "select id, deleted_user_id from roster.memberships where org_id = $1 and user_id is null",
      [team.orgId],
    );
    expect(rows).toEqual([{ id: expect.any(String), deleted_user_id: colleague.userId }]);
    const revived = ownerPool.query(
      "update roster.memberships set status = 'active' where id = $1",
      [rows[0]!.id],
    );
    await expect(revived).rejects.toMatchObject({ code: "23514" });
    const reattached = ownerPool.query("update roster.memberships set user_id = $2 where id = $1", [
      rows[0]!.id,
      owner.userId,
    ]);
    await expect(reattached).rejects.toMatchObject({ code: "23514" });
  });

  it("a new account given the deleted account's id inherits nothing; the same email can be invited again", async () => {
    const { owner, team, colleague } = await ownerWithTeam("reused-id");
    await owner.client.rpc("suspend_member", {
      p_org_id: team.orgId,
      p_user_id: colleague.userId,
      p_reason: "on leave",
    });
    expect((await serviceClient().auth.admin.deleteUser(colleague.userId)).error).toBeNull();

    // The admin API lets the caller choose a new user's id (GoTrue adminUserCreate).
    const created = await serviceClient().auth.admin.createUser({
      id: colleague.userId,
      email: `reused-${colleague.email}`,
      password: testPassword,
      email_confirm: true,
    });
    expect(created.error).toBeNull();
    expect(created.data.user?.id).toBe(colleague.userId);
    const newcomer = await signedIn(`reused-${colleague.email}`);
    // Only the personal organization every new account gets (a leftover membership would have
    // counted as "already belongs somewhere").
    const mine = await newcomer.from("my_memberships").select("org_id, is_personal");
    expect(mine.error).toBeNull();
    expect(mine.data).toEqual([{ org_id: expect.any(String), is_personal: true }]);
    const teamRead = await newcomer.rpc("list_members", { p_org_id: team.orgId });
    expect(teamRead.error?.hint).toBe("not_found");
    const { rowCount } = await ownerPool.query(
      "select 1 from roster.memberships where org_id = $1 and user_id = $2",
      [team.orgId, colleague.userId],
    );
    expect(rowCount).toBe(0);

    // The deleted person's address is free to be invited again; the new account joins beside
    // the old, removed row.
    const again = await owner.client.rpc("create_invitations", {
      p_org_id: team.orgId,
      p_emails: [colleague.email],
      p_role: "viewer",
    });
    expect(again.error).toBeNull();
    const returning = await serviceClient().auth.admin.createUser({
      email: colleague.email,
      password: testPassword,
      email_confirm: true,
    });
    expect(returning.error).toBeNull();
    const accepted = await (
      await signedIn(colleague.email)
    ).rpc("accept_invitation", { p_token: again.data![0]!.token! });
    expect(accepted.error).toBeNull();
    const rows = await owner.client.rpc("list_members", {
      p_org_id: team.orgId,
      p_search: colleague.email,
      p_include_removed: true,
    });
    expect(rows.data?.map((row) => [row.status, row.user_id])).toEqual(
      expect.arrayContaining([
        ["active", returning.data.user?.id],
        ["removed", null],
      ]),
    );
    expect(rows.data).toHaveLength(2);
  });

  it("through the admin API: pending invitations the deleted user sent stay valid", async () => {
    const { owner, team, colleague } = await ownerWithTeam("inviter");
    await owner.client.rpc("change_member_role", {
      p_org_id: team.orgId,
      p_user_id: colleague.userId,
      p_role: "admin",
      p_reason: "runs hiring",
    });
    const invited = await signUp("inviter-invitee");
    const { data } = await colleague.client.rpc("create_invitations", {
      p_org_id: team.orgId,
      p_emails: [invited.email],
      p_role: "member",
    });
    expect((await serviceClient().auth.admin.deleteUser(colleague.userId)).error).toBeNull();
    const accepted = await invited.client.rpc("accept_invitation", { p_token: data![0]!.token! });
    expect(accepted.error).toBeNull();
  });

  it("from the SPA: refused with the organizations to hand over, then allowed once ownership moved", async () => {
    const { owner, team, colleague } = await ownerWithTeam("self");
    const blockers = await owner.client.rpc("account_deletion_blockers");
    expect(blockers.data).toEqual([
      { org_id: team.orgId, slug: team.slug, name: team.name, other_members: 1 },
    ]);
    const refused = await owner.client.rpc("delete_my_account", { p_confirm_email: owner.email });
    expect(refused.error?.hint).toBe("account_owns_organizations");
    expect(refused.error?.message).toContain(team.name);
    expect(await userExists(owner.userId)).toBe(true);

    const wrongConfirmation = await colleague.client.rpc("delete_my_account", {
      p_confirm_email: "someone@else.example",
    });
    expect(wrongConfirmation.error?.hint).toBe("account_confirmation_mismatch");
    expect(await userExists(colleague.userId)).toBe(true);

    const { data: transfer } = await owner.client.rpc("request_ownership_transfer", {
      p_org_id: team.orgId,
      p_to_user_id: colleague.userId,
      p_confirm_name: team.name,
    });
    await colleague.client.rpc("accept_ownership_transfer", { p_transfer_id: transfer!.id });
    expect((await owner.client.rpc("account_deletion_blockers")).data).toEqual([]);

    const deleted = await owner.client.rpc("delete_my_account", { p_confirm_email: owner.email });
    expect(deleted.error).toBeNull();
    expect(await userExists(owner.userId)).toBe(false);
    const [removal] = (await auditOf(team.orgId, owner.userId)).filter(
      (event) => event.action === "member.removed",
    );
    expect(removal).toMatchObject({ target_email: owner.email, reason: "Account deleted" });
    const signIn = await anonClient().auth.signInWithPassword({
      email: owner.email,
      password: testPassword,
    });
    expect(signIn.error?.code).toBe("invalid_credentials");
  });
});
