// The audit log (DESIGN.md §4 invariant 7, docs/database.md §7): every successful RPC writes
// exactly one event with the right action, actor, target, reason and request context; a
// refused RPC writes none; and any tampering done behind the append-only trigger's back (as a
// superuser) is caught by verify_audit_chain at the first broken link.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  closePools,
  createUser,
  refusal,
  rpc,
  tamperAuditLog,
  ownerPool,
  type Actor,
  type TestUser,
  asActorAfterSetup,
} from "../support/db.ts";
import { uniqueEmail } from "../support/emails.ts";
import {
  addMember,
  createOrg,
  createOrgFixture,
  type OrgFixture,
  inviteToken,
} from "../support/org.ts";

afterAll(closePools);

const REQUEST = { ip: "203.0.113.7", user_agent: "roster-tests" };
const SERVICE: Actor = { role: "service_role" };

interface AuditRow {
  id: string;
  org_id: string;
  actor_kind: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_user_id: string | null;
  target_email: string | null;
  target_invitation_id: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
}

const EVENT_COLUMNS = `id::text, org_id, actor_kind::text, actor_id, actor_email, action, target_user_id, target_email,
  target_invitation_id, reason, before, after, host(ip) as ip, user_agent`;

async function lastEventId(): Promise<string> {
  const { rows } = await ownerPool.query<{ id: string }>(
    `select coalesce(max(id), 0)::text as id from roster.audit_events`,
  );
  return rows[0]!.id;
}

async function eventsSince(
  since: string,
  orgId: string,
  client: pg.ClientBase = ownerPool as unknown as pg.ClientBase,
): Promise<AuditRow[]> {
  const { rows } = await client.query<AuditRow>(
    `select ${EVENT_COLUMNS} from roster.audit_events where id > $1 and org_id = $2 order by id`,
    [since, orgId],
  );
  return rows;
}

const byUser = (user: TestUser) => ({
  actor_kind: "user",
  actor_id: user.userId,
  actor_email: user.email,
  ...REQUEST,
});

// Runs `call` and returns the one event it wrote in `orgId` (failing if it wrote zero or several).
async function oneEvent<T>(
  orgId: string,
  call: () => Promise<T>,
): Promise<{ event: AuditRow; result: T }> {
  const since = await lastEventId();
  const result = await call();
  const events = await eventsSince(since, orgId);
  expect(events.map((event) => event.action)).toHaveLength(1);
  return { event: events[0]!, result };
}

async function noEvent(orgIds: string[], call: () => Promise<unknown>): Promise<void> {
  const since = await lastEventId();
  await call();
  const { rows } = await ownerPool.query(
    `select action from roster.audit_events where id > $1 and org_id = any($2::uuid[])`,
    [since, orgIds],
  );
  expect(rows).toEqual([]);
}

// =============================================================================================
describe("every successful RPC writes exactly one event", () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await createOrgFixture("audit");
  });

  it("create_organization → org.created (actor and target the creator)", async () => {
    const user = await createUser("audit-creator");
    const since = await lastEventId();
    const [org] = await rpc<{ id: string; slug: string }>(user.actor, "create_organization", {
      p_name: "Audited Org",
      p_legal_name: "Audited Ltd",
    });
    const events = await eventsSince(since, org!.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      ...byUser(user),
      action: "org.created",
      target_user_id: user.userId,
      after: {
        name: "Audited Org",
        slug: org!.slug,
        legal_name: "Audited Ltd",
        is_personal: false,
      },
    });
  });

  it("update_organization → org.updated with only the changed fields; a no-op writes none", async () => {
    const { event } = await oneEvent(f.orgId, () =>
      rpc(f.admin.actor, "update_organization", {
        p_org_id: f.orgId,
        p_description: "Audited description",
        p_invitation_lifetime_hours: 72,
      }),
    );
    expect(event).toMatchObject({
      ...byUser(f.admin),
      action: "org.updated",
      before: { description: null, invitation_lifetime_hours: 48 },
      after: { description: "Audited description", invitation_lifetime_hours: 72 },
    });
    await noEvent([f.orgId], () =>
      rpc(f.admin.actor, "update_organization", {
        p_org_id: f.orgId,
        p_description: " Audited description ",
      }),
    );
  });

  it("create_invitations → one invitation.created per created row", async () => {
    const emails = [uniqueEmail("audit-a"), uniqueEmail("audit-b")];
    const since = await lastEventId();
    const rows = await rpc<{ invitation_id: string; email: string }>(
      f.admin.actor,
      "create_invitations",
      {
        p_org_id: f.orgId,
        p_emails: [...emails, f.member.email, emails[0]!.toUpperCase()],
        p_role: "viewer",
      },
    );
    const events = await eventsSince(since, f.orgId);
    expect(
      events.map((event) => [event.action, event.target_email, event.target_invitation_id]),
    ).toEqual([
      ["invitation.created", emails[0], rows[0]!.invitation_id],
      ["invitation.created", emails[1], rows[1]!.invitation_id],
    ]);
    for (const event of events)
      expect(event).toMatchObject({ ...byUser(f.admin), after: { role: "viewer" } });
  });

  it("resend_invitation → invitation.resent; revoke_invitation → invitation.revoked", async () => {
    const email = uniqueEmail("audit-resend");
    const { id } = await inviteToken(f.orgId, f.owner.actor, email);
    const resent = await oneEvent(f.orgId, () =>
      rpc(f.admin.actor, "resend_invitation", { p_invitation_id: id }),
    );
    expect(resent.event).toMatchObject({
      ...byUser(f.admin),
      action: "invitation.resent",
      target_email: email,
      target_invitation_id: id,
    });
    const revoked = await oneEvent(f.orgId, () =>
      rpc(f.owner.actor, "revoke_invitation", { p_invitation_id: id }),
    );
    expect(revoked.event).toMatchObject({
      ...byUser(f.owner),
      action: "invitation.revoked",
      target_email: email,
      target_invitation_id: id,
      before: { status: "pending", role: "member" },
      after: { status: "revoked" },
    });
  });

  it("accept_invitation → invitation.accepted; decline_invitation → invitation.declined (actor = invitee)", async () => {
    const [joiner, decliner] = await Promise.all([
      createUser("audit-joiner"),
      createUser("audit-decliner"),
    ]);
    const joinInvite = await inviteToken(f.orgId, f.owner.actor, joiner.email, "viewer");
    const accepted = await oneEvent(f.orgId, () =>
      rpc(joiner.actor, "accept_invitation", { p_token: joinInvite.token }),
    );
    expect(accepted.event).toMatchObject({
      ...byUser(joiner),
      action: "invitation.accepted",
      target_user_id: joiner.userId,
      target_email: joiner.email,
      target_invitation_id: joinInvite.id,
      after: { status: "active", role: "viewer" },
    });
    const declineInvite = await inviteToken(f.orgId, f.owner.actor, decliner.email);
    const declined = await oneEvent(f.orgId, () =>
      rpc(decliner.actor, "decline_invitation", { p_token: declineInvite.token }),
    );
    expect(declined.event).toMatchObject({
      ...byUser(decliner),
      action: "invitation.declined",
      target_user_id: decliner.userId,
      target_invitation_id: declineInvite.id,
      after: { status: "declined" },
    });
  });

  it("change_member_role / suspend / reactivate / remove → one event each, with the trimmed reason", async () => {
    const target = await createUser("audit-target");
    await addMember(f.orgId, f.owner.actor, target, "viewer");
    const args = { p_org_id: f.orgId, p_user_id: target.userId };
    const steps: Array<[string, string, Record<string, unknown>, unknown, unknown]> = [
      [
        "change_member_role",
        "member.role_changed",
        { p_role: "member" },
        { role: "viewer" },
        { role: "member" },
      ],
      [
        "suspend_member",
        "member.suspended",
        {},
        { status: "active", role: "member" },
        { status: "suspended", role: "member" },
      ],
      [
        "reactivate_member",
        "member.reactivated",
        {},
        { status: "suspended" },
        { status: "active" },
      ],
      ["remove_member", "member.removed", {}, { status: "active" }, { status: "removed" }],
    ];
    for (const [name, action, extra, before, after] of steps) {
      const reason = `  Because of ${name}  `;
      const { event } = await oneEvent(f.orgId, () =>
        rpc(f.admin.actor, name, { ...args, ...extra, p_reason: reason }),
      );
      expect(event).toMatchObject({
        ...byUser(f.admin),
        action,
        target_user_id: target.userId,
        target_email: target.email,
        reason: reason.trim(),
        before,
        after,
      });
    }
  });

  it("leave_organization → member.left (actor and target the leaver, no reason); touch_membership → none", async () => {
    const leaver = await createUser("audit-leaver");
    await addMember(f.orgId, f.owner.actor, leaver, "member");
    await noEvent([f.orgId], () => rpc(leaver.actor, "touch_membership", { p_org_id: f.orgId }));
    const { event } = await oneEvent(f.orgId, () =>
      rpc(leaver.actor, "leave_organization", { p_org_id: f.orgId }),
    );
    expect(event).toMatchObject({
      ...byUser(leaver),
      action: "member.left",
      target_user_id: leaver.userId,
      reason: null,
      after: { status: "removed" },
    });
  });

  it("ownership transfer request / decline / cancel / accept → one event each", async () => {
    const { orgId, name, owner } = await createOrg("audit-transfer");
    const heir = await createUser("audit-heir");
    await addMember(orgId, owner.actor, heir, "member");
    const request = () =>
      rpc<{ id: string }>(owner.actor, "request_ownership_transfer", {
        p_org_id: orgId,
        p_to_user_id: heir.userId,
        p_confirm_name: name,
      });

    const requested = await oneEvent(orgId, request);
    const firstId = requested.result[0]!.id;
    expect(requested.event).toMatchObject({
      ...byUser(owner),
      action: "ownership.transfer_requested",
      target_user_id: heir.userId,
      after: { transfer_id: firstId, status: "pending" },
    });
    const declined = await oneEvent(orgId, () =>
      rpc(heir.actor, "decline_ownership_transfer", { p_transfer_id: firstId }),
    );
    expect(declined.event).toMatchObject({
      ...byUser(heir),
      action: "ownership.transfer_declined",
      after: { transfer_id: firstId, status: "declined" },
    });

    const second = (await request())[0]!.id;
    const cancelled = await oneEvent(orgId, () =>
      rpc(owner.actor, "cancel_ownership_transfer", { p_transfer_id: second }),
    );
    expect(cancelled.event).toMatchObject({
      ...byUser(owner),
      action: "ownership.transfer_cancelled",
      target_user_id: heir.userId,
    });

    const third = (await request())[0]!.id;
    const accepted = await oneEvent(orgId, () =>
      rpc(heir.actor, "accept_ownership_transfer", { p_transfer_id: third }),
    );
    expect(accepted.event).toMatchObject({
      ...byUser(heir),
      action: "ownership.transfer_accepted",
      target_user_id: heir.userId,
      before: { owner: owner.userId, new_owner_role: "member" },
      after: { owner: heir.userId, previous_owner_role: "admin" },
    });
  });

  it("a request superseding a stale transfer writes the system cancellation and the request (one per change)", async () => {
    const { orgId, name, owner } = await createOrg("audit-supersede");
    const [gone, heir] = await Promise.all([createUser("audit-gone"), createUser("audit-heir2")]);
    await addMember(orgId, owner.actor, gone, "member");
    await addMember(orgId, owner.actor, heir, "member");
    await rpc(owner.actor, "request_ownership_transfer", {
      p_org_id: orgId,
      p_to_user_id: gone.userId,
      p_confirm_name: name,
    });
    await rpc(owner.actor, "remove_member", {
      p_org_id: orgId,
      p_user_id: gone.userId,
      p_reason: "Left the company",
    });
    const since = await lastEventId();
    await rpc(owner.actor, "request_ownership_transfer", {
      p_org_id: orgId,
      p_to_user_id: heir.userId,
      p_confirm_name: name,
    });
    const events = await eventsSince(since, orgId);
    expect(events.map((event) => [event.action, event.actor_kind, event.target_user_id])).toEqual([
      ["ownership.transfer_cancelled", "system", gone.userId],
      ["ownership.transfer_requested", "user", heir.userId],
    ]);
  });

  it("set_role_permissions → permissions.updated with granted/revoked; the same set again writes none", async () => {
    const { orgId, owner } = await createOrg("audit-perms");
    const keys = ["audit.read", "customers.read", "messages.read", "settings.read"];
    const { event } = await oneEvent(orgId, () =>
      rpc(owner.actor, "set_role_permissions", {
        p_org_id: orgId,
        p_role: "viewer",
        p_permissions: keys,
      }),
    );
    expect(event).toMatchObject({
      ...byUser(owner),
      action: "permissions.updated",
      before: {
        role: "viewer",
        permissions: ["audit.read", "conversations.read", "customers.read", "messages.read"],
      },
      after: {
        role: "viewer",
        permissions: keys,
        granted: ["settings.read"],
        revoked: ["conversations.read"],
      },
    });
    await noEvent([orgId], () =>
      rpc(owner.actor, "set_role_permissions", {
        p_org_id: orgId,
        p_role: "viewer",
        p_permissions: [...keys].reverse(),
      }),
    );
  });

  it("record_audit_export → audit.exported, returning the event id", async () => {
    const { event, result } = await oneEvent(f.orgId, () =>
      rpc<{ record_audit_export: string }>(f.admin.actor, "record_audit_export", {
        p_org_id: f.orgId,
        p_format: "jsonl",
        p_filters: JSON.stringify({ action: "member.removed" }),
        p_row_count: 12,
      }),
    );
    expect(result[0]!.record_audit_export).toBe(event.id);
    expect(event).toMatchObject({
      ...byUser(f.admin),
      action: "audit.exported",
      after: { format: "jsonl", filters: { action: "member.removed" }, row_count: 12 },
    });
  });

  it("verify_audit_chain, update_profile, get_invitation_preview and mark_invitation_delivery write none", async () => {
    const { token, id } = await inviteToken(f.orgId, f.owner.actor, uniqueEmail("audit-quiet"));
    const { rows } = await ownerPool.query<{ org_id: string }>(
      `select org_id from roster.memberships where user_id = $1`,
      [f.member.userId],
    );
    const orgs = [f.orgId, ...rows.map((row) => row.org_id)];
    await noEvent(orgs, () => rpc(f.viewer.actor, "verify_audit_chain", { p_org_id: f.orgId }));
    await noEvent(orgs, () =>
      rpc(f.member.actor, "update_profile", { p_display_name: "Renamed Member" }),
    );
    await noEvent(orgs, () => rpc(SERVICE, "get_invitation_preview", { p_token: token }));
    await noEvent(orgs, () =>
      rpc(SERVICE, "mark_invitation_delivery", { p_invitation_id: id, p_status: "sent" }),
    );
  });

  it("support_restore_access → support.access_restored, actor support with the operator and ticket", async () => {
    const { orgId, owner } = await createOrg("audit-support");
    const rescued = await createUser("audit-rescued");
    const { event } = await oneEvent(orgId, () =>
      rpc(SERVICE, "support_restore_access", {
        p_org_id: orgId,
        p_email: rescued.email,
        p_ticket: " T-42 ",
        p_operator: "ops@roster.dev",
      }),
    );
    expect(event).toMatchObject({
      actor_kind: "support",
      actor_id: null,
      actor_email: "ops@roster.dev",
      action: "support.access_restored",
      target_user_id: rescued.userId,
      reason: "Ticket T-42",
      before: { owner: owner.userId },
      after: { owner: rescued.userId, previous_owner_role: "admin" },
      ...REQUEST,
    });
  });

  it("expire_stale → one system event per expired invitation and transfer", async () => {
    const { orgId, name, owner } = await createOrg("audit-expire");
    const heir = await createUser("audit-exp-heir");
    await addMember(orgId, owner.actor, heir, "member");
    const invitation = await inviteToken(orgId, owner.actor, uniqueEmail("audit-stale"));
    const [transfer] = await rpc<{ id: string }>(owner.actor, "request_ownership_transfer", {
      p_org_id: orgId,
      p_to_user_id: heir.userId,
      p_confirm_name: name,
    });
    const since = await lastEventId();
    const events = await asActorAfterSetup(
      async (client) => {
        await client.query(
          `update roster.invitations set expires_at = now() - interval '1 second' where id = $1`,
          [invitation.id],
        );
        await client.query(
          `update roster.ownership_transfers set expires_at = now() - interval '1 second' where id = $1`,
          [transfer!.id],
        );
      },
      SERVICE,
      async (client) => {
        await client.query(`select * from roster.expire_stale()`);
        await client.query("reset role");
        return eventsSince(since, orgId, client);
      },
    );
    expect(events.map((event) => [event.action, event.actor_kind, event.actor_id])).toEqual([
      ["invitation.expired", "system", null],
      ["ownership.transfer_expired", "system", null],
    ]);
    expect(events[0]).toMatchObject({
      target_invitation_id: invitation.id,
      after: { status: "expired" },
    });
    expect(events[1]).toMatchObject({
      target_user_id: heir.userId,
      after: { transfer_id: transfer!.id, status: "expired" },
    });
  });

  it("re-inviting over a stale pending invitation writes invitation.expired then invitation.created", async () => {
    const { orgId, owner } = await createOrg("audit-reinvite");
    const email = uniqueEmail("audit-reinvite");
    const stale = await inviteToken(orgId, owner.actor, email);
    const since = await lastEventId();
    const events = await asActorAfterSetup(
      (client) =>
        client.query(
          `update roster.invitations set expires_at = now() - interval '1 second' where id = $1`,
          [stale.id],
        ),
      owner.actor,
      async (client) => {
        await client.query(
          `select * from roster.create_invitations(p_org_id => $1, p_emails => $2, p_role => 'viewer')`,
          [orgId, [email]],
        );
        await client.query("reset role");
        return eventsSince(since, orgId, client);
      },
    );
    expect(events.map((event) => [event.action, event.actor_kind, event.target_email])).toEqual([
      ["invitation.expired", "system", email],
      ["invitation.created", "user", email],
    ]);
  });

  it("delete_organization → org.deleted", async () => {
    const { orgId, name, owner } = await createOrg("audit-delete");
    await inviteToken(orgId, owner.actor, uniqueEmail("audit-doomed"));
    const { event } = await oneEvent(orgId, () =>
      rpc(owner.actor, "delete_organization", { p_org_id: orgId, p_confirm_name: name }),
    );
    expect(event).toMatchObject({
      ...byUser(owner),
      action: "org.deleted",
      before: { name },
      after: { deleted: true, pending_invitations_revoked: 1, pending_transfers_cancelled: 0 },
    });
  });

  it("an event without request headers has null ip and user agent", async () => {
    const { orgId, owner } = await createOrg("audit-noheaders");
    const since = await lastEventId();
    await asActor(
      owner.actor,
      (client) =>
        client.query(
          `select roster.update_organization(p_org_id => $1, p_description => 'quiet')`,
          [orgId],
        ),
      {},
    );
    const events = await eventsSince(since, orgId);
    expect(events).toMatchObject([{ action: "org.updated", ip: null, user_agent: null }]);
  });
});

// =============================================================================================
describe("refused RPCs write no event", () => {
  let f: OrgFixture;
  let invitation: { id: string; token: string };
  beforeAll(async () => {
    f = await createOrgFixture("audit-refused");
    invitation = await inviteToken(f.orgId, f.owner.actor, f.outsider.email.replace("@", "-x@"));
  });

  const failures: Array<[string, (f: OrgFixture) => [Actor, string, Record<string, unknown>]]> = [
    [
      "demoting the owner",
      (f) => [
        f.admin.actor,
        "change_member_role",
        { p_org_id: f.orgId, p_user_id: f.owner.userId, p_role: "member", p_reason: "x" },
      ],
    ],
    [
      "suspending oneself",
      (f) => [
        f.admin.actor,
        "suspend_member",
        { p_org_id: f.orgId, p_user_id: f.admin.userId, p_reason: "x" },
      ],
    ],
    [
      "removing without a reason",
      (f) => [
        f.owner.actor,
        "remove_member",
        { p_org_id: f.orgId, p_user_id: f.member.userId, p_reason: " " },
      ],
    ],
    ["the owner leaving", (f) => [f.owner.actor, "leave_organization", { p_org_id: f.orgId }]],
    [
      "inviting a member",
      (f) => [
        f.owner.actor,
        "create_invitations",
        { p_org_id: f.orgId, p_emails: [f.member.email], p_role: "viewer" },
      ],
    ],
    [
      "inviting as owner",
      (f) => [
        f.owner.actor,
        "create_invitations",
        { p_org_id: f.orgId, p_emails: [uniqueEmail("o")], p_role: "owner" },
      ],
    ],
    [
      "a member renaming the org",
      (f) => [f.member.actor, "update_organization", { p_org_id: f.orgId, p_name: "Mine" }],
    ],
    [
      "deleting with a wrong name",
      (f) => [f.owner.actor, "delete_organization", { p_org_id: f.orgId, p_confirm_name: "wrong" }],
    ],
    [
      "transferring with a wrong name",
      (f) => [
        f.owner.actor,
        "request_ownership_transfer",
        { p_org_id: f.orgId, p_to_user_id: f.admin.userId, p_confirm_name: "x" },
      ],
    ],
    [
      "accepting with another email",
      (f) => [f.outsider.actor, "accept_invitation", { p_token: invitation.token }],
    ],
    [
      "resending as a viewer",
      (f) => [f.viewer.actor, "resend_invitation", { p_invitation_id: invitation.id }],
    ],
    [
      "granting an owner-only key",
      (f) => [
        f.owner.actor,
        "set_role_permissions",
        { p_org_id: f.orgId, p_role: "admin", p_permissions: ["org.delete"] },
      ],
    ],
    [
      "exporting as a viewer",
      (f) => [f.viewer.actor, "record_audit_export", { p_org_id: f.orgId, p_format: "csv" }],
    ],
    [
      "exporting an unknown format",
      (f) => [f.admin.actor, "record_audit_export", { p_org_id: f.orgId, p_format: "xml" }],
    ],
    [
      "restoring the current owner",
      (f) => [
        SERVICE,
        "support_restore_access",
        { p_org_id: f.orgId, p_email: f.owner.email, p_ticket: "T", p_operator: "ops" },
      ],
    ],
    [
      "reactivating an active member",
      (f) => [
        f.owner.actor,
        "reactivate_member",
        { p_org_id: f.orgId, p_user_id: f.member.userId, p_reason: "x" },
      ],
    ],
  ];

  it.each(failures)("%s", async (_label, build) => {
    const [actor, name, args] = build(f);
    const actorId = actor.role === "authenticated" ? actor.userId : null;
    const since = await lastEventId();
    await refusal(rpc(actor, name, args));
    const { rows } = await ownerPool.query(
      `select action from roster.audit_events where id > $1 and (org_id = $2 or actor_id = $3 or target_user_id = $3)`,
      [since, f.orgId, actorId],
    );
    expect(rows).toEqual([]);
  });
});

// =============================================================================================
describe("tampering is caught by verify_audit_chain at the first broken link", () => {
  let owner: TestUser;
  let destination: { orgId: string; owner: TestUser };
  beforeAll(async () => {
    owner = await createUser("audit-chain-owner");
    destination = await createOrg("audit-chain-dest");
  });

  // An org with five events of different shapes; returns their ids in chain order.
  async function chain(): Promise<{ orgId: string; ids: string[] }> {
    const [org] = await rpc<{ id: string }>(owner.actor, "create_organization", {
      p_name: `Chain ${randomUUID().slice(0, 6)}`,
    });
    const orgId = org!.id;
    const { id } = await inviteToken(orgId, owner.actor, uniqueEmail("chain"));
    await rpc(owner.actor, "revoke_invitation", { p_invitation_id: id });
    await rpc(owner.actor, "update_organization", { p_org_id: orgId, p_description: "Chained" });
    await rpc(owner.actor, "record_audit_export", {
      p_org_id: orgId,
      p_format: "csv",
      p_row_count: 3,
    });
    const { rows } = await ownerPool.query<{ id: string }>(
      `select id::text from roster.audit_events where org_id = $1 order by id`,
      [orgId],
    );
    return { orgId, ids: rows.map((row) => row.id) };
  }

  const tamper = tamperAuditLog;

  // The verdict only (the checkpoint and full-check fields are tests/database/audit-checkpoints).
  const verify = async (actor: Actor, orgId: string) => {
    const [row] = await rpc<{ ok: boolean; checked: string; first_broken_id: string | null }>(
      actor,
      "verify_audit_chain",
      { p_org_id: orgId },
    );
    return { ok: row!.ok, checked: row!.checked, first_broken_id: row!.first_broken_id };
  };

  it("an untouched chain verifies", async () => {
    const { orgId, ids } = await chain();
    expect(ids).toHaveLength(5);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: true,
      checked: "5",
      first_broken_id: null,
    });
  });

  // Each edit targets the third event (invitation.revoked) and differs from what is stored.
  const edits: Array<[string, string]> = [
    ["occurred_at (1 µs)", `occurred_at = occurred_at + interval '1 microsecond'`],
    ["actor_kind", `actor_kind = 'support'`],
    ["actor_id", `actor_id = gen_random_uuid()`],
    ["actor_email", `actor_email = 'mallory@example.com'`],
    ["actor_name", `actor_name = 'Mallory'`],
    ["action", `action = 'org.updated'`],
    ["target_user_id", `target_user_id = gen_random_uuid()`],
    ["target_email (case only)", `target_email = upper(target_email)`],
    ["target_name", `target_name = 'Mallory'`],
    ["target_invitation_id", `target_invitation_id = gen_random_uuid()`],
    ["reason", `reason = 'Nothing to see here'`],
    ["before", `before = '{"status": "accepted", "role": "member"}'`],
    ["after", `after = null`],
    ["ip", `ip = '198.51.100.9'`],
    ["user_agent (trailing space)", `user_agent = user_agent || ' '`],
    ["prev_hash", `prev_hash = null`],
    ["hash", `hash = sha256(hash)`],
  ];

  it.each(edits)("editing %s is reported at that event", async (_field, assignment) => {
    const { orgId, ids } = await chain();
    await tamper([[`update roster.audit_events set ${assignment} where id = $1`, [ids[2]]]]);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: false,
      checked: "5",
      first_broken_id: ids[2],
    });
  });

  it("an edit with the event hash recomputed is reported at the next event", async () => {
    const { orgId, ids } = await chain();
    await tamper([
      [`update roster.audit_events set reason = 'forged' where id = $1`, [ids[2]]],
      [
        `update roster.audit_events e set hash = roster_private.audit_event_hash(e.prev_hash, e) where id = $1`,
        [ids[2]],
      ],
    ]);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: false,
      checked: "5",
      first_broken_id: ids[3],
    });
  });

  it("renumbering an event (id = default) is reported where the chain breaks", async () => {
    const { orgId, ids } = await chain();
    await tamper([[`update roster.audit_events set id = default where id = $1`, [ids[2]]]]);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: false,
      checked: "5",
      first_broken_id: ids[3],
    });
  });

  it("moving an event to another org breaks both chains", async () => {
    const { orgId, ids } = await chain();
    await tamper([
      [`update roster.audit_events set org_id = $2 where id = $1`, [ids[2], destination.orgId]],
    ]);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: false,
      checked: "4",
      first_broken_id: ids[3],
    });
    expect(await verify(destination.owner.actor, destination.orgId)).toMatchObject({
      ok: false,
      first_broken_id: ids[2],
    });
  });

  it("two edits are reported at the first one; the append-only trigger is back afterwards", async () => {
    const { orgId, ids } = await chain();
    await tamper([
      [
        `update roster.audit_events set reason = 'x' where id = any($1::bigint[])`,
        [[ids[1], ids[3]]],
      ],
    ]);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: false,
      checked: "5",
      first_broken_id: ids[1],
    });
    const error = await refusal(
      ownerPool.query(`update roster.audit_events set reason = 'y' where id = $1`, [ids[1]]),
    );
    expect(error.hint).toBe("forbidden");
  });

  it("deleting an event from the middle is reported at its successor", async () => {
    const { orgId, ids } = await chain();
    await tamper([[`delete from roster.audit_events where id = $1`, [ids[2]]]]);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: false,
      checked: "4",
      first_broken_id: ids[3],
    });
  });

  it("deleting the first event is reported at the new first event", async () => {
    const { orgId, ids } = await chain();
    await tamper([[`delete from roster.audit_events where id = $1`, [ids[0]]]]);
    expect(await verify(owner.actor, orgId)).toEqual({
      ok: false,
      checked: "4",
      first_broken_id: ids[1],
    });
  });

  // Tail truncation: dropping the newest event(s) leaves a chain that is internally consistent.
  // Nothing in the database anchors the head of the chain, so verify_audit_chain cannot notice.
  it("deleting the newest event is detected", async () => {
    const { orgId, ids } = await chain();
    await tamper([[`delete from roster.audit_events where id = $1`, [ids[4]]]]);
    expect(await verify(owner.actor, orgId)).toMatchObject({ ok: false });
  });
});
