// Privilege escalation (DESIGN.md §4 invariants 3–5, §5; docs/database.md §2, §5, §10): every
// way a signed-in person (or anon) might try to get more power than their role gives them —
// through the RPCs, by writing tables directly, or by reading invitation token hashes. Each
// attack asserts the exact SQLSTATE and hint an attacker observes, and that nothing changed:
// the organization's memberships, invitations, transfers, permission matrix, org row and audit
// event count (orgStateSnapshot), plus the other org, the permission catalog and the profiles.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, type Client, testPassword } from "../support/clients.ts";
import {
  asActor,
  closePools,
  createUser,
  refusal,
  rpc,
  ownerPool,
  type Actor,
  type TestUser,
} from "../support/db.ts";
import {
  addMember,
  createOrg,
  createOrgFixture,
  orgStateSnapshot,
  type OrgFixture,
} from "../support/org.ts";
import { stackEnv } from "../support/stack.ts";
import { profileHeaders } from "../support/rest-profile.ts";

interface Invite {
  id: string;
  token: string;
  email: string;
}

interface Ctx {
  f: OrgFixture;
  admin2: TestUser;
  other: { orgId: string; name: string; owner: TestUser };
  adminInvite: Invite; // role admin, created by the owner
  memberInvite: Invite; // role member, created by the admin
  staleInvite: Invite; // role viewer; made stale only while expire_stale is attacked
  transferId: string; // pending: owner → member
}

const c = {} as Ctx;
const anon: Actor = { role: "anon" };
const reason = "Escalation attempt";
const newEmail = () => `attacker-${randomUUID().slice(0, 8)}@test.roster.dev`;
const sha256 = (token: string) => createHash("sha256").update(token, "utf8").digest();

interface Expected {
  code: string;
  hint?: string;
}
const forbidden: Expected = { code: "42501", hint: "forbidden" };
const roleTooHigh: Expected = { code: "42501", hint: "role_too_high" };
const notFound: Expected = { code: "PT404", hint: "not_found" };
const cannotActOnSelf: Expected = { code: "P0001", hint: "cannot_act_on_self" };
const ownerViaTransferOnly: Expected = { code: "P0001", hint: "owner_via_transfer_only" };
const lastOwner: Expected = { code: "P0001", hint: "last_owner" };
// Postgres' own refusal when a role has no privilege on a table, column or function: no hint.
const noPrivilege: Expected = { code: "42501" };

// Everything an attack could have touched, as the superuser sees it.
async function world(): Promise<Record<string, unknown>> {
  const people = [
    c.f.owner,
    c.f.admin,
    c.f.member,
    c.f.viewer,
    c.f.suspended,
    c.f.removed,
    c.f.outsider,
    c.admin2,
  ].map((p) => p.userId);
  const [org, other, extra] = await Promise.all([
    orgStateSnapshot(c.f.orgId),
    orgStateSnapshot(c.other.orgId),
    ownerPool.query(
      `select
         (select jsonb_agg(p order by p.user_id) from roster.profiles p where p.user_id = any($1::uuid[])) as profiles,
         (select jsonb_agg(k order by k.key) from roster.permissions k) as catalog,
         (select count(*) from roster.memberships m where m.user_id = any($1::uuid[])) as memberships_of_people,
         (select jsonb_agg(i.token_hash order by i.id) from roster.invitations i where i.org_id = $2) as token_hashes`,
      [people, c.f.orgId],
    ),
  ]);
  return { org, other, ...extra.rows[0] };
}

// The attack must be refused with exactly `expected` and leave the world as it was.
async function expectRefused(attack: () => Promise<unknown>, expected: Expected): Promise<void> {
  const before = await world();
  const error = await refusal(attack());
  expect({ code: error.code, hint: error.hint ?? undefined }, error.message).toEqual({
    code: expected.code,
    hint: expected.hint,
  });
  expect(await world()).toEqual(before);
}

const sql = (actor: Actor, text: string, params: unknown[] = []) =>
  asActor(actor, (client) => client.query(text, params));

beforeAll(async () => {
  c.f = await createOrgFixture("esc");
  c.admin2 = await createUser("esc-admin2", "Second Admin");
  await addMember(c.f.orgId, c.f.owner.actor, c.admin2, "admin");
  c.other = await createOrg("esc-other");
  await addMember(
    c.other.orgId,
    c.other.owner.actor,
    await createUser("esc-other-member"),
    "member",
  );

  const invite = async (actor: Actor, role: string): Promise<Invite> => {
    const email = newEmail();
    const [row] = await rpc<{ invitation_id: string; token: string }>(actor, "create_invitations", {
      p_org_id: c.f.orgId,
      p_emails: [email],
      p_role: role,
    });
    return { id: row!.invitation_id, token: row!.token, email };
  };
  c.adminInvite = await invite(c.f.owner.actor, "admin");
  c.memberInvite = await invite(c.f.admin.actor, "member");
  c.staleInvite = await invite(c.f.owner.actor, "viewer");
  const [transfer] = await rpc<{ id: string }>(c.f.owner.actor, "request_ownership_transfer", {
    p_org_id: c.f.orgId,
    p_to_user_id: c.f.member.userId,
    p_confirm_name: c.f.name,
  });
  c.transferId = transfer!.id;
});

afterAll(async () => {
  await closePools();
});

type Attack = [name: string, run: () => Promise<unknown>, expected: Expected];
const call = (who: () => Actor, name: string, args: () => Record<string, unknown>) => () =>
  rpc(who(), name, args());
const as = (position: keyof Omit<OrgFixture, "orgId" | "name">) => () => c.f[position].actor;
const id = (position: keyof Omit<OrgFixture, "orgId" | "name">) => c.f[position].userId;

function attacks(
  list: Array<[string, () => Actor, string, () => Record<string, unknown>, Expected]>,
): Attack[] {
  return list.map(([name, who, fn, args, expected]) => [name, call(who, fn, args), expected]);
}

describe("changing your own role or status", () => {
  it.each(
    attacks([
      [
        "admin demotes themself",
        as("admin"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("admin"), p_role: "member", p_reason: reason }),
        cannotActOnSelf,
      ],
      [
        "admin promotes themself to owner",
        as("admin"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("admin"), p_role: "owner", p_reason: reason }),
        cannotActOnSelf,
      ],
      [
        "owner demotes themself to admin",
        as("owner"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("owner"), p_role: "admin", p_reason: reason }),
        cannotActOnSelf,
      ],
      [
        "admin suspends themself",
        as("admin"),
        "suspend_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("admin"), p_reason: reason }),
        cannotActOnSelf,
      ],
      [
        "admin removes themself",
        as("admin"),
        "remove_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("admin"), p_reason: reason }),
        cannotActOnSelf,
      ],
      [
        "owner removes themself",
        as("owner"),
        "remove_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("owner"), p_reason: reason }),
        cannotActOnSelf,
      ],
      [
        "member promotes themself to admin",
        as("member"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("member"), p_role: "admin", p_reason: reason }),
        forbidden,
      ],
      [
        "viewer promotes themself to member",
        as("viewer"),
        "change_member_role",
        () => ({
          p_org_id: c.f.orgId,
          p_user_id: id("viewer"),
          p_role: "member",
          p_reason: reason,
        }),
        forbidden,
      ],
      [
        "suspended member reactivates themself",
        as("suspended"),
        "reactivate_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("suspended"), p_reason: reason }),
        notFound,
      ],
      [
        "removed member gives themself a role again",
        as("removed"),
        "change_member_role",
        () => ({
          p_org_id: c.f.orgId,
          p_user_id: id("removed"),
          p_role: "member",
          p_reason: reason,
        }),
        notFound,
      ],
    ]),
  )("%s", async (_name, run, expected) => {
    await expectRefused(run, expected);
  });
});

describe("reaching the owner role without a transfer", () => {
  it.each(
    attacks([
      [
        "admin promotes a member to owner",
        as("admin"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("member"), p_role: "owner", p_reason: reason }),
        ownerViaTransferOnly,
      ],
      [
        "admin promotes another admin to owner",
        as("admin"),
        "change_member_role",
        () => ({
          p_org_id: c.f.orgId,
          p_user_id: c.admin2.userId,
          p_role: "owner",
          p_reason: reason,
        }),
        ownerViaTransferOnly,
      ],
      [
        "owner promotes an admin to owner",
        as("owner"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("admin"), p_role: "owner", p_reason: reason }),
        ownerViaTransferOnly,
      ],
      [
        "admin invites an accomplice as owner",
        as("admin"),
        "create_invitations",
        () => ({ p_org_id: c.f.orgId, p_emails: [newEmail()], p_role: "owner" }),
        ownerViaTransferOnly,
      ],
      [
        "owner invites someone as owner",
        as("owner"),
        "create_invitations",
        () => ({ p_org_id: c.f.orgId, p_emails: [newEmail()], p_role: "owner" }),
        ownerViaTransferOnly,
      ],
      [
        "owner invites an existing member as owner",
        as("owner"),
        "create_invitations",
        () => ({ p_org_id: c.f.orgId, p_emails: [c.f.member.email], p_role: "owner" }),
        ownerViaTransferOnly,
      ],
      [
        "admin invites as admin",
        as("admin"),
        "create_invitations",
        () => ({ p_org_id: c.f.orgId, p_emails: [newEmail()], p_role: "admin" }),
        roleTooHigh,
      ],
      [
        "admin promotes a member to admin",
        as("admin"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("member"), p_role: "admin", p_reason: reason }),
        roleTooHigh,
      ],
      [
        "admin requests an ownership transfer to themself",
        as("admin"),
        "request_ownership_transfer",
        () => ({ p_org_id: c.f.orgId, p_to_user_id: id("admin"), p_confirm_name: c.f.name }),
        forbidden,
      ],
      [
        "admin requests an ownership transfer to another admin",
        as("admin"),
        "request_ownership_transfer",
        () => ({ p_org_id: c.f.orgId, p_to_user_id: c.admin2.userId, p_confirm_name: c.f.name }),
        forbidden,
      ],
      [
        "admin accepts the transfer meant for a member",
        as("admin"),
        "accept_ownership_transfer",
        () => ({ p_transfer_id: c.transferId }),
        forbidden,
      ],
      [
        "admin declines the transfer meant for a member",
        as("admin"),
        "decline_ownership_transfer",
        () => ({ p_transfer_id: c.transferId }),
        forbidden,
      ],
      [
        "admin cancels the owner’s transfer",
        as("admin"),
        "cancel_ownership_transfer",
        () => ({ p_transfer_id: c.transferId }),
        forbidden,
      ],
      [
        "viewer accepts a transfer they cannot see",
        as("viewer"),
        "accept_ownership_transfer",
        () => ({ p_transfer_id: c.transferId }),
        notFound,
      ],
      [
        "outsider accepts the transfer",
        as("outsider"),
        "accept_ownership_transfer",
        () => ({ p_transfer_id: c.transferId }),
        notFound,
      ],
    ]),
  )("%s", async (_name, run, expected) => {
    await expectRefused(run, expected);
  });
});

describe("an admin acting on another admin or on the owner", () => {
  it.each(
    attacks([
      [
        "admin demotes another admin",
        as("admin"),
        "change_member_role",
        () => ({
          p_org_id: c.f.orgId,
          p_user_id: c.admin2.userId,
          p_role: "member",
          p_reason: reason,
        }),
        roleTooHigh,
      ],
      [
        "admin suspends another admin",
        as("admin"),
        "suspend_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: c.admin2.userId, p_reason: reason }),
        roleTooHigh,
      ],
      [
        "admin removes another admin",
        as("admin"),
        "remove_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: c.admin2.userId, p_reason: reason }),
        roleTooHigh,
      ],
      [
        "admin demotes the owner",
        as("admin"),
        "change_member_role",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("owner"), p_role: "member", p_reason: reason }),
        lastOwner,
      ],
      [
        "admin suspends the owner",
        as("admin"),
        "suspend_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("owner"), p_reason: reason }),
        lastOwner,
      ],
      [
        "admin removes the owner",
        as("admin"),
        "remove_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("owner"), p_reason: reason }),
        lastOwner,
      ],
      [
        "admin revokes an admin invitation",
        as("admin"),
        "revoke_invitation",
        () => ({ p_invitation_id: c.adminInvite.id }),
        roleTooHigh,
      ],
      [
        "admin resends an admin invitation to obtain its token",
        as("admin"),
        "resend_invitation",
        () => ({ p_invitation_id: c.adminInvite.id }),
        roleTooHigh,
      ],
      [
        "admin deletes the organization",
        as("admin"),
        "delete_organization",
        () => ({ p_org_id: c.f.orgId, p_confirm_name: c.f.name }),
        forbidden,
      ],
      [
        "another org’s owner demotes a member, naming their own org",
        () => c.other.owner.actor,
        "change_member_role",
        () => ({
          p_org_id: c.other.orgId,
          p_user_id: id("member"),
          p_role: "viewer",
          p_reason: reason,
        }),
        notFound,
      ],
      [
        "another org’s owner removes the admin, naming this org",
        () => c.other.owner.actor,
        "remove_member",
        () => ({ p_org_id: c.f.orgId, p_user_id: id("admin"), p_reason: reason }),
        notFound,
      ],
      [
        "another org’s owner revokes this org’s invitation",
        () => c.other.owner.actor,
        "revoke_invitation",
        () => ({ p_invitation_id: c.memberInvite.id }),
        notFound,
      ],
    ]),
  )("%s", async (_name, run, expected) => {
    await expectRefused(run, expected);
  });
});

describe("members, viewers and non-members calling management RPCs", () => {
  const target = (position: "member" | "viewer" | "suspended" | "removed" | "outsider") =>
    position === "viewer" ? id("member") : id("viewer");
  const manageCalls = (
    position: "member" | "viewer" | "suspended" | "removed" | "outsider",
  ): Array<[string, () => Record<string, unknown>]> => [
    [
      "change_member_role",
      () => ({
        p_org_id: c.f.orgId,
        p_user_id: target(position),
        p_role: "viewer",
        p_reason: reason,
      }),
    ],
    [
      "suspend_member",
      () => ({ p_org_id: c.f.orgId, p_user_id: target(position), p_reason: reason }),
    ],
    [
      "reactivate_member",
      () => ({ p_org_id: c.f.orgId, p_user_id: id("suspended"), p_reason: reason }),
    ],
    [
      "remove_member",
      () => ({ p_org_id: c.f.orgId, p_user_id: target(position), p_reason: reason }),
    ],
    [
      "create_invitations",
      () => ({ p_org_id: c.f.orgId, p_emails: [newEmail()], p_role: "viewer" }),
    ],
    ["resend_invitation", () => ({ p_invitation_id: c.memberInvite.id })],
    ["revoke_invitation", () => ({ p_invitation_id: c.memberInvite.id })],
    [
      "set_role_permissions",
      () => ({
        p_org_id: c.f.orgId,
        p_role: "viewer",
        p_permissions: ["members.read", "members.manage"],
      }),
    ],
    ["update_organization", () => ({ p_org_id: c.f.orgId, p_name: "Hijacked" })],
    ["delete_organization", () => ({ p_org_id: c.f.orgId, p_confirm_name: c.f.name })],
    [
      "request_ownership_transfer",
      () => ({ p_org_id: c.f.orgId, p_to_user_id: c.f[position].userId, p_confirm_name: c.f.name }),
    ],
    ["record_audit_export", () => ({ p_org_id: c.f.orgId, p_format: "csv" })],
  ];
  const positions = [
    ["member", forbidden],
    ["viewer", forbidden],
    ["suspended", notFound],
    ["removed", notFound],
    ["outsider", notFound],
  ] as const;
  const cases: Attack[] = positions.flatMap(([position, expected]) =>
    manageCalls(position).map(([fn, args]): Attack => [
      `${position} calls ${fn}`,
      call(as(position), fn, args),
      expected,
    ]),
  );

  it.each(cases)("%s", async (_name, run, expected) => {
    await expectRefused(run, expected);
  });

  it("member cannot verify (read) the audit chain without audit.read", async () => {
    await expectRefused(
      call(as("member"), "verify_audit_chain", () => ({ p_org_id: c.f.orgId })),
      forbidden,
    );
  });
});

describe("granting owner-only permissions", () => {
  let adminKeys: string[];
  beforeAll(async () => {
    const { rows } = await ownerPool.query<{ permission: string }>(
      `select permission from roster.role_permissions where org_id = $1 and role = 'admin' order by permission`,
      [c.f.orgId],
    );
    adminKeys = rows.map((r) => r.permission);
  });
  const set = (who: () => Actor, role: string, extra: () => string[]) =>
    call(who, "set_role_permissions", () => ({
      p_org_id: c.f.orgId,
      p_role: role,
      p_permissions: extra(),
    }));

  it.each<Attack>([
    [
      "owner grants admin org.delete",
      set(as("owner"), "admin", () => [...adminKeys, "org.delete"]),
      forbidden,
    ],
    [
      "owner grants admin permissions.manage",
      set(as("owner"), "admin", () => [...adminKeys, "permissions.manage"]),
      forbidden,
    ],
    [
      "owner grants admin ownership.transfer",
      set(as("owner"), "admin", () => [...adminKeys, "ownership.transfer"]),
      forbidden,
    ],
    [
      "owner grants viewer every owner-only key",
      set(as("owner"), "viewer", () => ["org.delete", "permissions.manage", "ownership.transfer"]),
      forbidden,
    ],
    ["owner strips the owner role", set(as("owner"), "owner", () => []), roleTooHigh],
    [
      "owner rewrites the owner role",
      set(as("owner"), "owner", () => ["members.read"]),
      roleTooHigh,
    ],
    [
      "admin grants admin org.delete",
      set(as("admin"), "admin", () => [...adminKeys, "org.delete"]),
      forbidden,
    ],
    [
      "admin grants admin permissions.manage",
      set(as("admin"), "admin", () => [...adminKeys, "permissions.manage"]),
      forbidden,
    ],
    [
      "admin grants member members.manage",
      set(as("admin"), "member", () => ["members.read", "members.manage"]),
      forbidden,
    ],
    ["admin edits the owner role", set(as("admin"), "owner", () => []), forbidden],
  ])("%s", async (_name, run, expected) => {
    await expectRefused(run, expected);
  });

  it("the owner-only keys are exactly the documented ones", async () => {
    const { rows } = await ownerPool.query<{ key: string }>(
      `select key from roster.permissions where owner_only order by key`,
    );
    expect(rows.map((r) => r.key)).toEqual([
      "org.delete",
      "ownership.transfer",
      "permissions.manage",
    ]);
  });
});

describe("service-role-only RPCs", () => {
  const serviceCalls: Array<[string, () => Record<string, unknown>]> = [
    ["get_invitation_preview", () => ({ p_token: c.adminInvite.token })],
    [
      "support_restore_access",
      () => ({
        p_org_id: c.f.orgId,
        p_email: c.f.admin.email,
        p_ticket: "T-1",
        p_operator: "mallory",
      }),
    ],
    ["expire_stale", () => ({})],
    ["mark_invitation_delivery", () => ({ p_invitation_id: c.memberInvite.id, p_status: "sent" })],
    ["claim_transfer_emails", () => ({})],
    ["mark_transfer_delivery", () => ({ p_transfer_id: c.f.orgId, p_status: "sent" })],
  ];
  const callers: Array<[string, () => Actor]> = [
    ["the owner", as("owner")],
    ["the admin", as("admin")],
    ["an outsider", as("outsider")],
    ["anon", () => anon],
  ];
  // expire_stale waits for the org row lock the test holds (see below); give up rather than hang.
  const expireStale = (actor: () => Actor) => () =>
    asActor(actor(), async (client) => {
      await client.query("set local lock_timeout = '3s'");
      return client.query("select * from roster.expire_stale()");
    });
  const cases: Attack[] = serviceCalls.flatMap(([fn, args]) =>
    callers.map(([who, actor]): Attack => [
      `${who} calls ${fn}`,
      fn === "expire_stale" ? expireStale(actor) : call(actor, fn, args),
      noPrivilege,
    ]),
  );

  it.each(cases)("%s", async (name, run, expected) => {
    if (!name.endsWith("expire_stale")) {
      await expectRefused(run, expected);
      return;
    }
    // Give expire_stale something to do in this org: a pending invitation past its expiry,
    // restored afterwards. The org row stays locked meanwhile, so the stack's own expiry timer
    // (supabase/local/expiry.ts, which locks the org first) cannot expire it behind our back.
    const lock = await ownerPool.connect();
    try {
      await lock.query("begin");
      await lock.query("select 1 from roster.organizations where id = $1 for update", [c.f.orgId]);
      await ownerPool.query(
        `update roster.invitations set expires_at = now() - interval '1 hour' where id = $1`,
        [c.staleInvite.id],
      );
      try {
        await expectRefused(run, expected);
      } finally {
        await ownerPool.query(
          `update roster.invitations set expires_at = now() + interval '1 day' where id = $1`,
          [c.staleInvite.id],
        );
      }
    } finally {
      await lock.query("rollback");
      lock.release();
    }
  });

  it("works for the service role (the refusals above are about privilege, not a missing function)", async () => {
    const [preview] = await rpc<{ status: string; role: string }>(
      { role: "service_role" },
      "get_invitation_preview",
      { p_token: c.adminInvite.token },
    );
    expect(preview).toMatchObject({ status: "pending", role: "admin" });
  });

  it("grants EXECUTE exactly as documented: nothing to anon, the RPC list to authenticated, six to service_role", async () => {
    const { rows } = await ownerPool.query<{
      name: string;
      anon: boolean;
      authenticated: boolean;
      service: boolean;
      definer: boolean;
      config: string[] | null;
      trigger: boolean;
    }>(
      `select p.proname as name, p.prosecdef as definer, p.proconfig as config,
              p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype as trigger,
              has_function_privilege('anon', p.oid, 'execute') as anon,
              has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
              has_function_privilege('service_role', p.oid, 'execute') as service
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'roster' and p.prokind = 'f' order by p.proname`,
    );
    expect(rows.filter((r) => r.anon).map((r) => r.name)).toEqual([]);
    expect(rows.filter((r) => r.authenticated).map((r) => r.name)).toEqual(
      [
        "accept_invitation",
        "accept_invitation_by_id",
        "accept_ownership_transfer",
        "account_deletion_blockers",
        "audit_actions",
        "audit_actors",
        "cancel_ownership_transfer",
        "change_member_role",
        "create_invitations",
        "create_organization",
        "decline_invitation",
        "decline_invitation_by_id",
        "decline_ownership_transfer",
        "delete_my_account",
        "delete_organization",
        "get_organization_settings",
        "leave_organization",
        "list_members",
        "member_counts",
        "my_access",
        "my_invitations",
        "orgs_with",
        "reactivate_member",
        "record_audit_export",
        "remove_member",
        "request_ownership_transfer",
        "resend_invitation",
        "revoke_invitation",
        "search_audit_events",
        "set_role_permissions",
        "start_audit_full_check",
        "suggest_organization_slug",
        "suspend_member",
        "touch_membership",
        "update_organization",
        "update_profile",
        "verify_audit_chain",
      ].sort(),
    );
    expect(rows.filter((r) => r.service && !r.authenticated).map((r) => r.name)).toEqual(
      [
        "claim_transfer_emails",
        "expire_stale",
        "get_invitation_preview",
        "mark_invitation_delivery",
        "mark_transfer_delivery",
        "support_restore_access",
      ].sort(),
    );
    // The app API's migration-time calls and its row trigger (docs/adopting.md) are for postgres alone.
    expect(
      rows.filter((r) => !r.anon && !r.authenticated && !r.service).map((r) => r.name),
    ).toEqual(["audit", "register_permission", "require_org_members", "set_updated_at"]);
    // Every callable function is a SECURITY DEFINER RPC with an empty search_path (a trigger
    // function runs only as a trigger, with the rights of the statement that fired it).
    expect(
      rows
        .filter((r) => !r.trigger && (!r.definer || !(r.config ?? []).includes('search_path=""')))
        .map((r) => r.name),
    ).toEqual([]);
  });

  it("exposes only the three policy helpers of the private schema, to authenticated only", async () => {
    const { rows } = await ownerPool.query<{
      name: string;
      anon: boolean;
      authenticated: boolean;
      service: boolean;
    }>(
      `select p.proname as name,
              has_function_privilege('anon', p.oid, 'execute') as anon,
              has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
              has_function_privilege('service_role', p.oid, 'execute') as service
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'roster_private' order by p.proname`,
    );
    expect(rows.filter((r) => r.anon || r.service).map((r) => r.name)).toEqual([]);
    expect(rows.filter((r) => r.authenticated).map((r) => r.name)).toEqual([
      "active_org_ids",
      "invitation_effective_status",
      "org_ids_with",
    ]);
  });
});

describe("writing tables directly", () => {
  it.each<[string, () => Actor, () => string, () => unknown[]]>([
    [
      "outsider inserts themself as owner",
      as("outsider"),
      () =>
        `insert into roster.memberships (org_id, user_id, role, status) values ($1, $2, 'owner', 'active')`,
      () => [c.f.orgId, id("outsider")],
    ],
    [
      "removed member upserts their row back to admin",
      as("removed"),
      () =>
        `insert into roster.memberships (org_id, user_id, role) values ($1, $2, 'admin') on conflict (org_id, user_id) do update set role = 'admin', status = 'active'`,
      () => [c.f.orgId, id("removed")],
    ],
    [
      "admin sets their own role to owner",
      as("admin"),
      () => `update roster.memberships set role = 'owner' where org_id = $1 and user_id = $2`,
      () => [c.f.orgId, id("admin")],
    ],
    [
      "member sets their own role to admin",
      as("member"),
      () => `update roster.memberships set role = 'admin' where org_id = $1 and user_id = $2`,
      () => [c.f.orgId, id("member")],
    ],
    [
      "suspended member lifts their suspension",
      as("suspended"),
      () =>
        `update roster.memberships set status = 'active', suspended_at = null where org_id = $1 and user_id = $2`,
      () => [c.f.orgId, id("suspended")],
    ],
    [
      "admin deletes the owner’s membership",
      as("admin"),
      () => `delete from roster.memberships where org_id = $1 and role = 'owner'`,
      () => [c.f.orgId],
    ],
    [
      "admin grants admin org.delete in role_permissions",
      as("admin"),
      () =>
        `insert into roster.role_permissions (org_id, role, permission) values ($1, 'admin', 'org.delete')`,
      () => [c.f.orgId],
    ],
    [
      "owner grants admin ownership.transfer in role_permissions",
      as("owner"),
      () =>
        `insert into roster.role_permissions (org_id, role, permission) values ($1, 'admin', 'ownership.transfer')`,
      () => [c.f.orgId],
    ],
    [
      "owner rewrites a role_permissions row",
      as("owner"),
      () =>
        `update roster.role_permissions set permission = 'permissions.manage' where org_id = $1 and role = 'admin' and permission = 'settings.read'`,
      () => [c.f.orgId],
    ],
    [
      "owner deletes the viewer’s permissions",
      as("owner"),
      () => `delete from roster.role_permissions where org_id = $1 and role = 'viewer'`,
      () => [c.f.orgId],
    ],
    [
      "owner makes org.delete grantable",
      as("owner"),
      () => `update roster.permissions set owner_only = false where key = 'org.delete'`,
      () => [],
    ],
    [
      "owner adds a permission key",
      as("owner"),
      () =>
        `insert into roster.permissions (key, area, description) values ('evil.power', 'evil', 'x')`,
      () => [],
    ],
    [
      "owner rewrites an audit event",
      as("owner"),
      () => `update roster.audit_events set reason = 'nothing happened' where org_id = $1`,
      () => [c.f.orgId],
    ],
    [
      "owner deletes audit events",
      as("owner"),
      () => `delete from roster.audit_events where org_id = $1`,
      () => [c.f.orgId],
    ],
    ["owner truncates the audit log", as("owner"), () => `truncate roster.audit_events`, () => []],
    [
      "admin forges an audit event",
      as("admin"),
      () =>
        `insert into roster.audit_events (org_id, actor_kind, action, hash) values ($1, 'support', 'support.access_restored', $2)`,
      () => [c.f.orgId, sha256("forged")],
    ],
    [
      "admin resets the audit id sequence",
      as("admin"),
      () => `select setval('roster.audit_events_id_seq', 1)`,
      () => [],
    ],
    [
      "admin plants an admin invitation with a token they know",
      as("admin"),
      () =>
        `insert into roster.invitations (org_id, email, role, token_hash, expires_at) values ($1, $2, 'admin', $3, now() + interval '1 day')`,
      () => [c.f.orgId, newEmail(), sha256("known-token")],
    ],
    [
      "outsider plants an invitation for themself",
      as("outsider"),
      () =>
        `insert into roster.invitations (org_id, email, role, token_hash, expires_at) values ($1, $2, 'member', $3, now() + interval '1 day')`,
      () => [c.f.orgId, c.f.outsider.email, sha256("outsider-token")],
    ],
    [
      "admin upgrades a member invitation to admin",
      as("admin"),
      () => `update roster.invitations set role = 'admin' where id = $1`,
      () => [c.memberInvite.id],
    ],
    [
      "admin swaps an invitation’s token hash",
      as("admin"),
      () => `update roster.invitations set token_hash = $2 where id = $1`,
      () => [c.adminInvite.id, sha256("swapped")],
    ],
    [
      "admin inserts an accepted transfer to themself",
      as("admin"),
      () =>
        `insert into roster.ownership_transfers (org_id, from_user_id, to_user_id, status) values ($1, $2, $3, 'accepted')`,
      () => [c.f.orgId, id("owner"), id("admin")],
    ],
    [
      "admin redirects the pending transfer to themself",
      as("admin"),
      () => `update roster.ownership_transfers set to_user_id = $2 where id = $1`,
      () => [c.transferId, id("admin")],
    ],
    [
      "admin soft-deletes the organization",
      as("admin"),
      () => `update roster.organizations set deleted_at = now() where id = $1`,
      () => [c.f.orgId],
    ],
    [
      "member takes the owner’s email on their profile",
      as("member"),
      () => `update roster.profiles set email = $2 where user_id = $1`,
      () => [id("member"), c.f.owner.email],
    ],
    [
      "admin calls a private security-definer helper",
      as("admin"),
      () => `select roster_private.actor_membership($1::uuid, 'members.manage')`,
      () => [c.f.orgId],
    ],
    [
      "outsider calls the personal-org helper for someone else",
      as("outsider"),
      () => `select roster_private.ensure_personal_org($1::uuid)`,
      () => [id("member")],
    ],
    [
      "anon inserts a membership",
      () => anon,
      () => `insert into roster.memberships (org_id, user_id, role) values ($1, $2, 'owner')`,
      () => [c.f.orgId, randomUUID()],
    ],
  ])("%s", async (_name, who, text, params) => {
    await expectRefused(() => sql(who(), text(), params()), noPrivilege);
  });
});

describe("reading invitation token hashes", () => {
  const hashHex = (token: string) => sha256(token).toString("hex");

  it.each<[string, () => string, () => unknown[], Expected]>([
    [
      "select token_hash from invitations",
      () => `select token_hash from roster.invitations where org_id = $1`,
      () => [c.f.orgId],
      noPrivilege,
    ],
    [
      "select * from invitations",
      () => `select * from roster.invitations where org_id = $1`,
      () => [c.f.orgId],
      noPrivilege,
    ],
    [
      "row-to-json of invitations",
      () => `select to_jsonb(i) from roster.invitations i where org_id = $1`,
      () => [c.f.orgId],
      noPrivilege,
    ],
    [
      "filter invitations by token hash (oracle)",
      () => `select id from roster.invitations where token_hash = $1`,
      () => [sha256(c.adminInvite.token)],
      noPrivilege,
    ],
    [
      "order invitations by token hash (oracle)",
      () => `select id from roster.invitations where org_id = $1 order by token_hash`,
      () => [c.f.orgId],
      noPrivilege,
    ],
    [
      "select token_hash from invitation_list",
      () => `select token_hash from roster.invitation_list`,
      () => [],
      { code: "42703" },
    ],
  ])("owner: %s is refused", async (_name, text, params, expected) => {
    await expectRefused(() => sql(c.f.owner.actor, text(), params()), expected);
  });

  it("no relation in public grants a token column to any API role", async () => {
    const { rows } = await ownerPool.query<{
      relation: string;
      column: string;
      grantee: string;
    }>(
      `select c.relname as relation, a.attname as column, r.rolname as grantee
       from pg_catalog.pg_attribute a
       join pg_catalog.pg_class c on c.oid = a.attrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       cross join (values ('anon'), ('authenticated')) r(rolname)
       where n.nspname = 'roster' and c.relkind in ('r', 'v', 'm', 'p', 'f') and a.attnum > 0 and not a.attisdropped
         and a.attname like '%token%' and has_column_privilege(r.rolname, c.oid, a.attnum, 'select')`,
    );
    expect(rows).toEqual([]);
  });

  it("neither the token nor its hash appears in anything the owner can read (audit log, views, tables)", async () => {
    const { rows: relations } = await ownerPool.query<{ relation: string; columns: string[] }>(
      `select c.relname as relation, array_agg(quote_ident(a.attname) order by a.attnum) as columns
       from pg_catalog.pg_attribute a
       join pg_catalog.pg_class c on c.oid = a.attrelid
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'roster' and c.relkind in ('r', 'v', 'm', 'p', 'f') and a.attnum > 0 and not a.attisdropped
         and has_column_privilege('authenticated', c.oid, a.attnum, 'select')
       group by c.relname order by c.relname`,
    );
    expect(relations.map((r) => r.relation)).toContain("audit_events");
    const dump = await asActor(c.f.owner.actor, async (client) => {
      const parts: string[] = [];
      for (const { relation, columns } of relations) {
        const { rows } = await client.query<{ row: unknown }>(
          `select row_to_json(x) as row from (select ${columns.join(", ")} from roster.${relation}) x`,
        );
        parts.push(JSON.stringify(rows));
      }
      return parts.join("\n");
    });
    // The dump is non-trivial: it contains this org's invitations and their audit events.
    expect(dump).toContain(c.adminInvite.id);
    expect(dump).toContain(c.adminInvite.email);
    for (const invite of [c.adminInvite, c.memberInvite]) {
      const digest = sha256(invite.token);
      for (const secret of [
        invite.token,
        digest.toString("hex"),
        digest.toString("base64"),
        digest.toString("base64url"),
      ]) {
        expect(dump.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    }
  });

  it("re-inviting a pending email does not hand out the live token", async () => {
    const before = await world();
    const error = await refusal(
      rpc(c.f.admin.actor, "create_invitations", {
        p_org_id: c.f.orgId,
        p_emails: [c.memberInvite.email],
        p_role: "member",
      }),
    );
    expect({ code: error.code, hint: error.hint }).toEqual({
      code: "23505",
      hint: "invitation_pending",
    });
    expect(JSON.stringify(error)).not.toContain(c.memberInvite.token);
    expect(JSON.stringify(error)).not.toContain(hashHex(c.memberInvite.token));
    expect(await world()).toEqual(before);
  });

  describe("through PostgREST", () => {
    let client: Client;
    let orgId: string;
    let token: string;

    // A real user from the auth service: sign-up gives them a personal org they own.
    beforeAll(async () => {
      client = anonClient();
      const email = `esc-http-${randomUUID().slice(0, 8)}@test.roster.dev`;
      const { error } = await client.auth.signUp({
        email,
        password: testPassword,
        options: { data: { full_name: "HTTP Owner" } },
      });
      if (error) throw error;
      const mine = await client.from("my_memberships").select("org_id, role");
      expect(mine.data).toEqual([{ org_id: expect.any(String), role: "owner" }]);
      orgId = mine.data![0]!.org_id!;
      const created = await client.rpc("create_invitations", {
        p_org_id: orgId,
        p_emails: [newEmail()],
        p_role: "member",
      });
      if (created.error) throw new Error(created.error.message);
      token = created.data[0]!.token!;
    });

    it("refuses select=* and select=token_hash on invitations with 403, and filtering by token_hash", async () => {
      const before = await orgStateSnapshot(orgId);
      const star = await client.from("invitations").select("*");
      expect({ status: star.status, code: star.error?.code }).toEqual({
        status: 403,
        code: "42501",
      });
      const column = await client.from("invitations").select("token_hash");
      expect({ status: column.status, code: column.error?.code }).toEqual({
        status: 403,
        code: "42501",
      });
      const oracle = await client
        .from("invitations")
        .select("id")
        .eq("token_hash", `\\x${hashHex(token)}`);
      expect({ status: oracle.status, code: oracle.error?.code }).toEqual({
        status: 403,
        code: "42501",
      });
      expect(await orgStateSnapshot(orgId)).toEqual(before);
    });

    it("serves invitation_list without token_hash, and refuses to select it there", async () => {
      const listed = await client.from("invitation_list").select("*");
      expect(listed.error).toBeNull();
      expect(listed.data!.length).toBe(1);
      expect(Object.keys(listed.data![0]!)).not.toContain("token_hash");
      expect(JSON.stringify(listed.data)).not.toContain(hashHex(token));
      const path = "/rest/v1/invitation_list?select=token_hash";
      const column = await fetch(`${stackEnv.API_URL}${path}`, {
        headers: { ...(await headersOf(client)), ...profileHeaders("GET", path) },
      });
      expect(column.status).toBe(400);
      expect(((await column.json()) as { code: string }).code).toBe("42703");
    });

    it("refuses service-role-only RPCs over HTTP: 403 signed in, 401 anon", async () => {
      const before = await orgStateSnapshot(orgId);
      const signedIn = await client.rpc("get_invitation_preview", { p_token: token });
      expect({ status: signedIn.status, code: signedIn.error?.code }).toEqual({
        status: 403,
        code: "42501",
      });
      const restore = await client.rpc("support_restore_access", {
        p_org_id: orgId,
        p_email: "x@test.roster.dev",
        p_ticket: "T",
        p_operator: "me",
      });
      expect({ status: restore.status, code: restore.error?.code }).toEqual({
        status: 403,
        code: "42501",
      });
      const asAnon = await anonClient().rpc("get_invitation_preview", { p_token: token });
      expect({ status: asAnon.status, code: asAnon.error?.code }).toEqual({
        status: 401,
        code: "42501",
      });
      expect(await orgStateSnapshot(orgId)).toEqual(before);
    });
  });
});

async function headersOf(client: Client): Promise<Record<string, string>> {
  const { data } = await client.auth.getSession();
  return { apikey: stackEnv.ANON_KEY, Authorization: `Bearer ${data.session!.access_token}` };
}
