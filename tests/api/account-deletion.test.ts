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
    // The person is gone from the team; the owner is untouched.
    const members = await owner.client.from("member_directory").select("user_id");
    expect(members.data?.map((m) => m.user_id)).not.toContain(colleague.userId);
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
