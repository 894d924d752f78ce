// A live organization with one person in every position the threat model cares about, built
// through the public RPCs exactly as real users would build it.
import { createUser, rpc, ownerPool, type Actor, type TestUser } from "./db.ts";

export interface OrgFixture {
  orgId: string;
  name: string;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  viewer: TestUser;
  suspended: TestUser;
  removed: TestUser;
  outsider: TestUser;
}

export type Position = Exclude<keyof OrgFixture, "orgId" | "name">;

// Invites `email` as `role`; the token is what the invitation email would carry.
export async function inviteToken(
  orgId: string,
  inviter: Actor,
  email: string,
  role = "member",
): Promise<{ token: string; id: string }> {
  const [row] = await rpc<{ token: string; invitation_id: string }>(inviter, "create_invitations", {
    p_org_id: orgId,
    p_emails: [email],
    p_role: role,
  });
  return { token: row!.token, id: row!.invitation_id };
}

// Invites `user` as `role` and has them accept with the emailed token.
export async function addMember(
  orgId: string,
  inviter: Actor,
  user: TestUser,
  role: string,
): Promise<void> {
  const { token } = await inviteToken(orgId, inviter, user.email, role);
  await rpc(user.actor, "accept_invitation", { p_token: token });
}

export async function activeOwners(orgId: string): Promise<string[]> {
  const { rows } = await ownerPool.query<{ user_id: string }>(
    `select user_id from roster.memberships where org_id = $1 and role = 'owner' and status = 'active' order by user_id`,
    [orgId],
  );
  return rows.map((row) => row.user_id);
}

export async function membershipOf(
  orgId: string,
  userId: string,
): Promise<{ role: string; status: string } | undefined> {
  const { rows } = await ownerPool.query<{ role: string; status: string }>(
    "select role::text, status::text from roster.memberships where org_id = $1 and user_id = $2",
    [orgId, userId],
  );
  return rows[0];
}

export async function createOrg(
  label = "org",
): Promise<{ orgId: string; name: string; owner: TestUser }> {
  const owner = await createUser(`${label}-owner`, `${label} Owner`);
  const name = `${label} ${owner.userId.slice(0, 8)}`;
  const [org] = await rpc<{ id: string }>(owner.actor, "create_organization", { p_name: name });
  return { orgId: org!.id, name, owner };
}

export async function createOrgFixture(label = "org"): Promise<OrgFixture> {
  const { orgId, name, owner } = await createOrg(label);
  const [admin, member, viewer, suspended, removed, outsider] = await Promise.all(
    ["admin", "member", "viewer", "suspended", "removed", "outsider"].map((position) =>
      createUser(`${label}-${position}`, `${label} ${position}`),
    ),
  );
  await addMember(orgId, owner.actor, admin!, "admin");
  await addMember(orgId, owner.actor, member!, "member");
  await addMember(orgId, owner.actor, viewer!, "viewer");
  await addMember(orgId, owner.actor, suspended!, "member");
  await addMember(orgId, owner.actor, removed!, "member");
  await rpc(owner.actor, "suspend_member", {
    p_org_id: orgId,
    p_user_id: suspended!.userId,
    p_reason: "Fixture: suspended",
  });
  await rpc(owner.actor, "remove_member", {
    p_org_id: orgId,
    p_user_id: removed!.userId,
    p_reason: "Fixture: removed",
  });
  return {
    orgId,
    name,
    owner,
    admin: admin!,
    member: member!,
    viewer: viewer!,
    suspended: suspended!,
    removed: removed!,
    outsider: outsider!,
  };
}

// Row counts a failed call must leave untouched.
export async function orgStateSnapshot(orgId: string): Promise<Record<string, unknown>> {
  const { rows } = await ownerPool.query(
    `select
       (select jsonb_agg(m order by m.user_id) from roster.memberships m where m.org_id = $1) as memberships,
       (select jsonb_agg(i order by i.id) from roster.invitations i where i.org_id = $1) as invitations,
       (select jsonb_agg(t order by t.id) from roster.ownership_transfers t where t.org_id = $1) as transfers,
       (select jsonb_agg(p order by p.role, p.permission) from roster.role_permissions p where p.org_id = $1) as permissions,
       (select to_jsonb(o) from roster.organizations o where o.id = $1) as organization,
       (select count(*) from roster.audit_events a where a.org_id = $1) as audit_events`,
    [orgId],
  );
  return rows[0] as Record<string, unknown>;
}
