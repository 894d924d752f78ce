// Tenant isolation matrix (DESIGN.md §4 invariant 1). Every relation exposed in `public`, found
// in pg_catalog at test time, × every position a person can hold in an organization × select /
// insert / update / delete, compared with the explicit table below. A relation without an entry
// fails the suite, so a new table or view cannot be exposed untested.
//
// Two full fixture organizations exist: A (the one the actors belong to) and B (the "other
// org"). Both carry demo tenant data, a pending invitation and a pending ownership transfer, so
// "nothing of B is ever visible" and "writes into B are refused" are checked on real rows.
// Allowed writes are rolled back; refused writes are committed the way PostgREST would commit
// them, and the whole universe (A, B and their people) must be byte-for-byte unchanged afterwards.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, apiClient, type Client, testPassword } from "../support/clients.ts";
import { asActor, closePools, createUser, rpc, ownerPool, type Actor } from "../support/db.ts";
import {
  addMember,
  createOrg,
  createOrgFixture,
  orgStateSnapshot,
  type OrgFixture,
} from "../support/org.ts";
import { stackEnv } from "../support/stack.ts";

const actorNames = [
  "anon",
  "outsider",
  "viewer",
  "member",
  "admin",
  "owner",
  "suspended",
  "removed",
] as const;
type ActorName = (typeof actorNames)[number];
type Row<T> = Record<ActorName, T>;

// What a select shows of the fixture universe (orgs A and B and their people):
//   denied  permission error (42501) — no grant at all
//   none    no row of A or B
//   org     every row of org A, none of B
//   own     the rows of org A that are about the actor (their membership, a transfer they are party to)
//   self    only the actor's own row (profiles)
//   people  the profiles of everyone with a membership row in A (any status)
//   all     every row (global catalog)
type Visibility = "denied" | "none" | "org" | "own" | "self" | "people" | "all";
// What a write does:
//   denied         permission error (42501 "permission denied") — no privilege for the statement
//   rls            42501 "new row violates row-level security policy" — insert refused by a policy
//   zero           statement runs, 0 rows affected — the rows are filtered out by RLS
//   allowed        rows were written (rolled back by the test)
type WriteOutcome = "denied" | "rls" | "zero" | "allowed";
type WriteOp = "insert" | "update" | "delete";
const writeOps: WriteOp[] = ["insert", "update", "delete"];

// Positional row in actor order: anon, outsider, viewer, member, admin, owner, suspended, removed.
function row<T>(...values: [T, T, T, T, T, T, T, T]): Row<T> {
  return Object.fromEntries(actorNames.map((name, i) => [name, values[i]])) as Row<T>;
}

interface Statement {
  sql: string;
  params: unknown[];
}

interface OrgData {
  fixture: OrgFixture;
  id: string;
  ownerId: string;
  memberId: string;
  customerId: string;
  conversationId: string;
  messageId: string;
  draftId: string;
  invitationId: string;
  transferId: string;
}

interface RelationSpec {
  // text expression naming one row of the relation
  key: string;
  // column that ties a row to the fixture universe: an org id column, a user id column, or none
  scope: "org_id" | "id" | "user_id" | null;
  // ground truth, read as superuser from the base table: row key, owning org, people involved
  truth: { table: string; key: string; org: string; users: string; where?: string };
  select: Row<Visibility>;
  // writes aimed at org A (the actors' org) and at org B (another org)
  writes: Record<WriteOp, Row<WriteOutcome>>;
  otherOrgWrites: Record<WriteOp, Row<WriteOutcome>>;
  // the statements PostgREST would issue for POST / PATCH / DELETE on the relation
  statements: (target: OrgData, userId: string) => Record<WriteOp, Statement>;
}

const st = (sql: string, ...params: unknown[]): Statement => ({ sql, params });
const fakeHash = () => createHash("sha256").update(randomUUID()).digest();

// Membership state, the catalog and the audit log: no API write path except RPCs.
const rpcOnly: Record<WriteOp, Row<WriteOutcome>> = {
  //             anon      outsider  viewer    member    admin     owner     suspended removed
  insert: row("denied", "denied", "denied", "denied", "denied", "denied", "denied", "denied"),
  update: row("denied", "denied", "denied", "denied", "denied", "denied", "denied", "denied"),
  delete: row("denied", "denied", "denied", "denied", "denied", "denied", "denied", "denied"),
};
// Read-only views: no API role holds a write privilege on them (their INSTEAD OF triggers make
// Postgres check privileges before it tries to rewrite the join).
const readOnlyView: Record<WriteOp, Row<WriteOutcome>> = rpcOnly;
// Demo tenant tables, org A, area write permission held by member, admin and owner.
const demoWritesByMembers: Record<WriteOp, Row<WriteOutcome>> = {
  //             anon      outsider  viewer    member     admin      owner      suspended removed
  insert: row("denied", "rls", "rls", "allowed", "allowed", "allowed", "rls", "rls"),
  update: row("denied", "zero", "zero", "allowed", "allowed", "allowed", "zero", "zero"),
  delete: row("denied", "zero", "zero", "allowed", "allowed", "allowed", "zero", "zero"),
};
// Demo tenant tables, rows of org B: nobody in A gets anywhere.
const demoOtherOrg: Record<WriteOp, Row<WriteOutcome>> = {
  insert: row("denied", "rls", "rls", "rls", "rls", "rls", "rls", "rls"),
  update: row("denied", "zero", "zero", "zero", "zero", "zero", "zero", "zero"),
  delete: row("denied", "zero", "zero", "zero", "zero", "zero", "zero", "zero"),
};

const orgTruth = (table: string, users = `'{}'::text[]`, where?: string) => ({
  table,
  key: "id::text",
  org: "org_id",
  users,
  where,
});

// THE EXPECTED TABLE. Every relation in `public` must appear here.
// row(...) columns: anon, outsider, viewer, member, admin, owner, suspended, removed.
const expectations: Record<string, RelationSpec> = {
  organizations: {
    key: "id::text",
    scope: "id",
    truth: { table: "organizations", key: "id::text", org: "id", users: `'{}'::text[]` },
    //                anon      outsider viewer member admin  owner  suspended removed
    select: row("denied", "none", "org", "org", "org", "org", "none", "none"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: (t) => ({
      insert: st(
        `insert into roster.organizations (name, slug) values ('Hijack', $1)`,
        `hijack-${randomUUID().slice(0, 8)}`,
      ),
      update: st(
        `update roster.organizations set name = 'Hijacked', deleted_at = now() where id = $1`,
        t.id,
      ),
      delete: st(`delete from roster.organizations where id = $1`, t.id),
    }),
  },
  permissions: {
    key: "key",
    scope: null,
    truth: { table: "permissions", key: "key", org: "null::uuid", users: `'{}'::text[]` },
    select: row("denied", "all", "all", "all", "all", "all", "all", "all"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: () => ({
      insert: st(
        `insert into roster.permissions (key, area, description) values ('evil.grant', 'evil', 'x')`,
      ),
      update: st(`update roster.permissions set owner_only = false where key = 'org.delete'`),
      delete: st(`delete from roster.permissions where key = 'members.read'`),
    }),
  },
  role_permissions: {
    key: `org_id::text || '/' || role::text || '/' || permission`,
    scope: "org_id",
    truth: {
      table: "role_permissions",
      key: `org_id::text || '/' || role::text || '/' || permission`,
      org: "org_id",
      users: `'{}'::text[]`,
    },
    select: row("denied", "none", "org", "org", "org", "org", "none", "none"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: (t) => ({
      insert: st(
        `insert into roster.role_permissions (org_id, role, permission) values ($1, 'viewer', 'members.manage')`,
        t.id,
      ),
      update: st(
        `update roster.role_permissions set permission = 'org.delete' where org_id = $1 and role = 'admin' and permission = 'settings.read'`,
        t.id,
      ),
      delete: st(`delete from roster.role_permissions where org_id = $1`, t.id),
    }),
  },
  profiles: {
    key: "user_id::text",
    scope: "user_id",
    truth: {
      table: "profiles",
      key: "user_id::text",
      org: "null::uuid",
      users: "array[user_id::text]",
    },
    select: row("denied", "self", "self", "self", "people", "people", "self", "self"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: (t, userId) => ({
      insert: st(
        `insert into roster.profiles (user_id, email, display_name) values ($1, 'evil@test.roster.dev', 'Evil')`,
        randomUUID(),
      ),
      update: st(
        `update roster.profiles set email = 'evil@test.roster.dev', display_name = 'Evil' where user_id in ($1, $2)`,
        userId,
        t.ownerId,
      ),
      delete: st(`delete from roster.profiles where user_id in ($1, $2)`, userId, t.ownerId),
    }),
  },
  memberships: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("memberships", "array[user_id::text]"),
    select: row("denied", "none", "own", "own", "org", "org", "none", "none"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: (t, userId) => ({
      insert: st(
        `insert into roster.memberships (org_id, user_id, role, status) values ($1, $2, 'owner', 'active')`,
        t.id,
        userId,
      ),
      update: st(
        `update roster.memberships set role = 'admin' where org_id = $1 and user_id in ($2, $3)`,
        t.id,
        userId,
        t.memberId,
      ),
      delete: st(`delete from roster.memberships where org_id = $1 and role = 'owner'`, t.id),
    }),
  },
  invitations: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("invitations"),
    select: row("denied", "none", "none", "none", "org", "org", "none", "none"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: (t) => ({
      insert: st(
        `insert into roster.invitations (org_id, email, role, token_hash, expires_at) values ($1, 'evil@test.roster.dev', 'admin', $2, now() + interval '1 day')`,
        t.id,
        fakeHash(),
      ),
      update: st(
        `update roster.invitations set role = 'admin', expires_at = now() + interval '1 year' where id = $1`,
        t.invitationId,
      ),
      delete: st(`delete from roster.invitations where id = $1`, t.invitationId),
    }),
  },
  ownership_transfers: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("ownership_transfers", "array[from_user_id::text, to_user_id::text]"),
    select: row("denied", "none", "none", "own", "org", "org", "none", "none"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: (t, userId) => ({
      insert: st(
        `insert into roster.ownership_transfers (org_id, from_user_id, to_user_id, status) values ($1, $2, $3, 'accepted')`,
        t.id,
        t.ownerId,
        userId,
      ),
      update: st(
        `update roster.ownership_transfers set status = 'accepted' where id = $1`,
        t.transferId,
      ),
      delete: st(`delete from roster.ownership_transfers where id = $1`, t.transferId),
    }),
  },
  audit_events: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("audit_events"),
    select: row("denied", "none", "org", "none", "org", "org", "none", "none"),
    writes: rpcOnly,
    otherOrgWrites: rpcOnly,
    statements: (t) => ({
      insert: st(
        `insert into roster.audit_events (org_id, actor_kind, action, hash) values ($1, 'system', 'org.updated', $2)`,
        t.id,
        fakeHash(),
      ),
      update: st(`update roster.audit_events set reason = 'rewritten' where org_id = $1`, t.id),
      delete: st(`delete from roster.audit_events where org_id = $1`, t.id),
    }),
  },
  customers: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("customers"),
    select: row("denied", "none", "org", "org", "org", "org", "none", "none"),
    writes: demoWritesByMembers,
    otherOrgWrites: demoOtherOrg,
    statements: (t) => ({
      insert: st(`insert into public.customers (org_id, name) values ($1, 'Injected')`, t.id),
      update: st(`update public.customers set name = 'Renamed' where id = $1`, t.customerId),
      delete: st(`delete from public.customers where id = $1`, t.customerId),
    }),
  },
  conversations: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("conversations"),
    select: row("denied", "none", "org", "org", "org", "org", "none", "none"),
    writes: demoWritesByMembers,
    otherOrgWrites: demoOtherOrg,
    statements: (t) => ({
      insert: st(
        `insert into public.conversations (org_id, customer_id, channel, subject) values ($1, $2, 'chat', 'Injected')`,
        t.id,
        t.customerId,
      ),
      update: st(
        `update public.conversations set subject = 'Renamed', status = 'closed' where id = $1`,
        t.conversationId,
      ),
      delete: st(`delete from public.conversations where id = $1`, t.conversationId),
    }),
  },
  messages: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("messages"),
    select: row("denied", "none", "org", "org", "org", "org", "none", "none"),
    writes: demoWritesByMembers,
    otherOrgWrites: demoOtherOrg,
    statements: (t) => ({
      insert: st(
        `insert into public.messages (org_id, conversation_id, direction, author_kind, body) values ($1, $2, 'inbound', 'customer', 'Injected')`,
        t.id,
        t.conversationId,
      ),
      update: st(`update public.messages set body = 'Rewritten' where id = $1`, t.messageId),
      delete: st(`delete from public.messages where id = $1`, t.messageId),
    }),
  },
  ai_drafts: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("ai_drafts"),
    select: row("denied", "none", "none", "org", "org", "org", "none", "none"),
    writes: demoWritesByMembers,
    otherOrgWrites: demoOtherOrg,
    statements: (t) => ({
      insert: st(
        `insert into public.ai_drafts (org_id, conversation_id, body) values ($1, $2, 'Injected')`,
        t.id,
        t.conversationId,
      ),
      update: st(
        `update public.ai_drafts set body = 'Rewritten', status = 'approved' where id = $1`,
        t.draftId,
      ),
      delete: st(`delete from public.ai_drafts where id = $1`, t.draftId),
    }),
  },
  member_directory: {
    key: "membership_id::text",
    scope: "org_id",
    truth: orgTruth("memberships", "array[user_id::text]"),
    select: row("denied", "none", "none", "none", "org", "org", "none", "none"),
    writes: readOnlyView,
    otherOrgWrites: readOnlyView,
    statements: (t, userId) => ({
      insert: st(
        `insert into roster.member_directory (org_id, user_id, role, status) values ($1, $2, 'owner', 'active')`,
        t.id,
        userId,
      ),
      update: st(
        `update roster.member_directory set role = 'owner' where org_id = $1 and user_id = $2`,
        t.id,
        userId,
      ),
      delete: st(`delete from roster.member_directory where org_id = $1`, t.id),
    }),
  },
  my_memberships: {
    key: "membership_id::text",
    scope: "org_id",
    truth: orgTruth("memberships", "array[user_id::text]"),
    select: row("denied", "none", "own", "own", "own", "own", "none", "none"),
    writes: readOnlyView,
    otherOrgWrites: readOnlyView,
    statements: (t) => ({
      insert: st(
        `insert into roster.my_memberships (org_id, role, status) values ($1, 'owner', 'active')`,
        t.id,
      ),
      update: st(`update roster.my_memberships set role = 'owner' where org_id = $1`, t.id),
      delete: st(`delete from roster.my_memberships where org_id = $1`, t.id),
    }),
  },
  invitation_list: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth("invitations"),
    select: row("denied", "none", "none", "none", "org", "org", "none", "none"),
    writes: readOnlyView,
    otherOrgWrites: readOnlyView,
    statements: (t) => ({
      insert: st(
        `insert into roster.invitation_list (org_id, email, role) values ($1, 'evil@test.roster.dev', 'admin')`,
        t.id,
      ),
      update: st(`update roster.invitation_list set role = 'admin' where id = $1`, t.invitationId),
      delete: st(`delete from roster.invitation_list where id = $1`, t.invitationId),
    }),
  },
  my_pending_transfers: {
    key: "id::text",
    scope: "org_id",
    truth: orgTruth(
      "ownership_transfers",
      "array[from_user_id::text, to_user_id::text]",
      `status = 'pending' and expires_at > now()`,
    ),
    // the transfer in A runs owner → member: the admin sees it in the table (members.read) but it is not theirs
    select: row("denied", "none", "none", "own", "none", "own", "none", "none"),
    writes: readOnlyView,
    otherOrgWrites: readOnlyView,
    statements: (t) => ({
      insert: st(
        `insert into roster.my_pending_transfers (org_id, to_user_id) values ($1, $2)`,
        t.id,
        t.memberId,
      ),
      update: st(
        `update roster.my_pending_transfers set to_user_id = from_user_id where id = $1`,
        t.transferId,
      ),
      delete: st(`delete from roster.my_pending_transfers where id = $1`, t.transferId),
    }),
  },
};

// ---------------------------------------------------------------------------------------------
// Relations exposed by PostgREST: every table, view, materialized view and foreign table in public
// ---------------------------------------------------------------------------------------------
const { rows: exposed } = await ownerPool.query<{ name: string; kind: string }>(
  `select c.relname as name, c.relkind::text as kind
   from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
   order by c.relname`,
);

// ---------------------------------------------------------------------------------------------
// Fixture universe
// ---------------------------------------------------------------------------------------------
let orgA: OrgData;
let orgB: OrgData;
let people: string[];
let peopleOfA: Set<string>;
const actors = {} as Record<ActorName, Actor>;
const actorIds = {} as Record<ActorName, string | undefined>;

async function buildOrg(label: string): Promise<OrgData> {
  const fixture = await createOrgFixture(label);
  const id = fixture.orgId;
  const q = async (sql: string, params: unknown[]) =>
    (await ownerPool.query<{ id: string }>(sql, params)).rows[0]!.id;
  const customerId = await q(
    `insert into public.customers (org_id, name, email) values ($1, $2, 'c@test.roster.dev') returning id`,
    [id, `${label} customer`],
  );
  const conversationId = await q(
    `insert into public.conversations (org_id, customer_id, subject) values ($1, $2, 'Booking') returning id`,
    [id, customerId],
  );
  const messageId = await q(
    `insert into public.messages (org_id, conversation_id, direction, author_kind, body) values ($1, $2, 'inbound', 'customer', 'Hello') returning id`,
    [id, conversationId],
  );
  const draftId = await q(
    `insert into public.ai_drafts (org_id, conversation_id, body) values ($1, $2, 'Draft reply') returning id`,
    [id, conversationId],
  );
  const [invitation] = await rpc<{ invitation_id: string }>(
    fixture.owner.actor,
    "create_invitations",
    {
      p_org_id: id,
      p_emails: [`pending-${randomUUID().slice(0, 8)}@test.roster.dev`],
      p_role: "viewer",
    },
  );
  const [transfer] = await rpc<{ id: string }>(fixture.owner.actor, "request_ownership_transfer", {
    p_org_id: id,
    p_to_user_id: fixture.member.userId,
    p_confirm_name: fixture.name,
  });
  return {
    fixture,
    id,
    ownerId: fixture.owner.userId,
    memberId: fixture.member.userId,
    customerId,
    conversationId,
    messageId,
    draftId,
    invitationId: invitation!.invitation_id,
    transferId: transfer!.id,
  };
}

// Every row of the universe, hashed per table, as the superuser sees it.
async function universeSnapshot(): Promise<Record<string, string>> {
  const orgs = [orgA.id, orgB.id];
  const parts: Array<[string, string, unknown[]]> = [
    ["organizations", "id = any($1::uuid[])", [orgs]],
    ["permissions", "true", []],
    ["profiles", "user_id = any($1::uuid[])", [people]],
    ...[
      "role_permissions",
      "memberships",
      "invitations",
      "ownership_transfers",
      "audit_events",
      "customers",
      "conversations",
      "messages",
      "ai_drafts",
    ].map((table): [string, string, unknown[]] => [table, "org_id = any($1::uuid[])", [orgs]]),
  ];
  const entries = await Promise.all(
    parts.map(async ([table, where, params]) => {
      const { rows } = await ownerPool.query<{ n: string; h: string }>(
        `select count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from public.${table} t where ${where}`,
        params,
      );
      return [table, `${rows[0]!.n} rows ${rows[0]!.h}`] as const;
    }),
  );
  return Object.fromEntries(entries);
}

interface TruthRow {
  k: string;
  org: string | null;
  users: string[];
}

function scopeParams(spec: RelationSpec): unknown[] {
  if (spec.scope === null) return [];
  return [spec.scope === "user_id" ? people : [orgA.id, orgB.id]];
}

function scopeWhere(spec: RelationSpec): string {
  return spec.scope === null ? "true" : `${spec.scope} = any($1::uuid[])`;
}

async function truthOf(spec: RelationSpec): Promise<TruthRow[]> {
  const t = spec.truth;
  const { rows } = await ownerPool.query<TruthRow>(
    `select ${t.key} as k, ${t.org}::text as org, ${t.users} as users from public.${t.table} where ${scopeWhere(spec)}${t.where ? ` and ${t.where}` : ""}`,
    scopeParams(spec),
  );
  return rows;
}

function visibleSet(label: Visibility, truth: TruthRow[], userId: string | undefined): string[] {
  const pick = (keep: (r: TruthRow) => boolean) =>
    truth
      .filter(keep)
      .map((r) => r.k)
      .sort();
  switch (label) {
    case "denied":
    case "none":
      return [];
    case "org":
      return pick((r) => r.org === orgA.id);
    case "own":
      return pick((r) => r.org === orgA.id && userId !== undefined && r.users.includes(userId));
    case "self":
      return pick((r) => userId !== undefined && r.users.includes(userId));
    case "people":
      return pick((r) => r.users.some((u) => peopleOfA.has(u) || u === userId));
    case "all":
      return pick(() => true);
  }
}

const describeError = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return `error ${e.code}: ${e.message}`;
};

// What the actor observes when selecting the relation, named by the visibility it matches.
async function observeSelect(
  spec: RelationSpec,
  name: string,
  actor: ActorName,
  truth: TruthRow[],
  expected: Visibility,
): Promise<string> {
  let seen: string[];
  try {
    const { rows } = await asActor(actors[actor], (client) =>
      client.query<{ k: string }>(
        `select ${spec.key} as k from public.${name} where ${scopeWhere(spec)}`,
        scopeParams(spec),
      ),
    );
    seen = rows.map((r) => r.k).sort();
  } catch (error) {
    return (error as { code?: string }).code === "42501" ? "denied" : describeError(error);
  }
  const candidates: Visibility[] = [expected, "none", "org", "own", "self", "people", "all"];
  const match = candidates.find(
    (label) =>
      label !== "denied" &&
      JSON.stringify(visibleSet(label, truth, actorIds[actor])) === JSON.stringify(seen),
  );
  if (match) return match;
  const ofB = seen.filter((k) => truth.some((r) => r.k === k && r.org === orgB.id)).length;
  return `unexpected: ${seen.length} rows (${ofB} of org B)`;
}

class RolledBack extends Error {}

// Runs the statement as the actor the way PostgREST does; a successful write is rolled back.
function attemptWrite(actor: ActorName, statement: Statement): Promise<string> {
  return attemptWriteAs(actors[actor], statement);
}

async function attemptWriteAs(actor: Actor, statement: Statement): Promise<string> {
  try {
    await asActor(actor, async (client) => {
      const result = await client.query(statement.sql, statement.params);
      if ((result.rowCount ?? 0) > 0) throw new RolledBack();
    });
    return "zero";
  } catch (error) {
    if (error instanceof RolledBack) return "allowed";
    const e = error as { code?: string; message?: string };
    if (e.code === "42501") return /row-level security/.test(e.message ?? "") ? "rls" : "denied";
    return describeError(error);
  }
}

beforeAll(async () => {
  [orgA, orgB] = await Promise.all([buildOrg("iso-a"), buildOrg("iso-b")]);
  const f = orgA.fixture;
  for (const name of actorNames) {
    if (name === "anon") {
      actors.anon = { role: "anon" };
      actorIds.anon = undefined;
    } else {
      actors[name] = f[name].actor;
      actorIds[name] = f[name].userId;
    }
  }
  const positions = [
    "owner",
    "admin",
    "member",
    "viewer",
    "suspended",
    "removed",
    "outsider",
  ] as const;
  people = [orgA, orgB].flatMap((o) => positions.map((p) => o.fixture[p].userId));
  const { rows } = await ownerPool.query<{ user_id: string }>(
    `select user_id from roster.memberships where org_id = $1`,
    [orgA.id],
  );
  peopleOfA = new Set(rows.map((r) => r.user_id));
});

afterAll(async () => {
  await closePools();
});

describe("the expected table covers every exposed relation", () => {
  it("has an entry for every table and view in public, and no entry for a relation that is gone", () => {
    expect(exposed.length).toBeGreaterThan(0);
    expect(exposed.map((r) => r.name).sort()).toEqual(Object.keys(expectations).sort());
  });

  it("has row level security enabled on every table in public", async () => {
    const { rows } = await ownerPool.query<{ name: string }>(
      `select c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    );
    expect(rows).toEqual([]);
  });

  it("has only security_invoker views in public", async () => {
    const { rows } = await ownerPool.query<{ name: string }>(
      `select c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('v', 'm')
         and not coalesce('security_invoker=true' = any (c.reloptions) or 'security_invoker=on' = any (c.reloptions), false)`,
    );
    expect(rows).toEqual([]);
  });
});

describe.each(exposed.map((r) => r.name))("relation public.%s", (name) => {
  const spec = expectations[name];

  it("is in the expected table", () => {
    expect(spec, `public.${name} is exposed but has no row in the isolation matrix`).toBeDefined();
  });

  if (!spec) return;

  it("select shows each actor exactly the expected rows, and never a row of another org", async () => {
    const truth = await truthOf(spec);
    // The fixture must give every expectation something to see (or to miss).
    if (spec.scope === "org_id" || spec.scope === "id") {
      expect(truth.some((r) => r.org === orgA.id)).toBe(true);
      expect(truth.some((r) => r.org === orgB.id)).toBe(true);
    } else if (spec.scope === "user_id") {
      expect(truth.some((r) => !r.users.some((u) => peopleOfA.has(u)))).toBe(true);
    }
    for (const actor of actorNames) {
      const label = spec.select[actor];
      if (label !== "denied" && label !== "none")
        expect(
          visibleSet(label, truth, actorIds[actor]).length,
          `${actor}: ${label}`,
        ).toBeGreaterThan(0);
    }
    const observed = {} as Row<string>;
    for (const actor of actorNames)
      observed[actor] = await observeSelect(spec, name, actor, truth, spec.select[actor]);
    expect(observed).toEqual(spec.select);
  });

  it("insert / update / delete into the actors’ own org give the expected outcome and leave refused rows untouched", async () => {
    const before = await universeSnapshot();
    const observed = {} as Record<WriteOp, Row<string>>;
    for (const op of writeOps) {
      observed[op] = {} as Row<string>;
      for (const actor of actorNames) {
        const statement = spec.statements(orgA, actorIds[actor] ?? randomUUID())[op];
        observed[op][actor] = await attemptWrite(actor, statement);
      }
    }
    expect(observed).toEqual(spec.writes);
    expect(await universeSnapshot()).toEqual(before);
  });

  it("insert / update / delete aimed at another org’s rows are refused and change nothing", async () => {
    const before = await universeSnapshot();
    const observed = {} as Record<WriteOp, Row<string>>;
    for (const op of writeOps) {
      observed[op] = {} as Row<string>;
      for (const actor of actorNames) {
        const statement = spec.statements(orgB, actorIds[actor] ?? randomUUID())[op];
        observed[op][actor] = await attemptWrite(actor, statement);
      }
    }
    expect(observed).toEqual(spec.otherOrgWrites);
    expect(Object.values(observed).flatMap((r) => Object.values(r))).not.toContain("allowed");
    expect(await universeSnapshot()).toEqual(before);
  });
});

describe("cross-org tricks on demo tenant tables", () => {
  const attempt = (actor: ActorName, sql: string, ...params: unknown[]) =>
    attemptWrite(actor, st(sql, ...params));

  it("refuses to move a row into another org, to link rows across orgs, or to forge created_by", async () => {
    const before = await universeSnapshot();
    const outcomes = {
      moveCustomer: await attempt(
        "member",
        `update public.customers set org_id = $1 where id = $2`,
        orgB.id,
        orgA.customerId,
      ),
      moveMessage: await attempt(
        "owner",
        `update public.messages set org_id = $1, conversation_id = $2 where id = $3`,
        orgB.id,
        orgB.conversationId,
        orgA.messageId,
      ),
      forgeCreator: await attempt(
        "member",
        `insert into public.customers (org_id, name, created_by) values ($1, 'Forged', $2)`,
        orgA.id,
        orgA.ownerId,
      ),
      chooseId: await attempt(
        "member",
        `insert into public.customers (id, org_id, name) values ($1, $2, 'Chosen id')`,
        orgB.customerId,
        orgA.id,
      ),
    };
    expect(outcomes).toEqual({
      moveCustomer: "denied",
      moveMessage: "denied",
      forgeCreator: "denied",
      chooseId: "denied",
    });

    // A conversation in A pointing at B's customer: the composite foreign key refuses it.
    const link = await attempt(
      "member",
      `insert into public.conversations (org_id, customer_id) values ($1, $2)`,
      orgA.id,
      orgB.customerId,
    );
    expect(link).toMatch(/^error 23503:/);
    const draft = await attempt(
      "admin",
      `insert into public.ai_drafts (org_id, conversation_id, body) values ($1, $2, 'x')`,
      orgA.id,
      orgB.conversationId,
    );
    expect(draft).toMatch(/^error 23503:/);
    expect(await universeSnapshot()).toEqual(before);
  });

  it("never shows B’s rows to A’s owner even when asked for them by id", async () => {
    const seen = await asActor(actors.owner, async (client) => {
      const counts: Record<string, number> = {};
      for (const [table, id] of [
        ["customers", orgB.customerId],
        ["conversations", orgB.conversationId],
        ["messages", orgB.messageId],
        ["ai_drafts", orgB.draftId],
        ["invitation_list", orgB.invitationId],
        ["ownership_transfers", orgB.transferId],
      ] as const) {
        counts[table] =
          (await client.query(`select 1 from public.${table} where id = $1`, [id])).rowCount ?? -1;
      }
      counts.organizations =
        (await client.query(`select 1 from roster.organizations where id = $1`, [orgB.id]))
          .rowCount ?? -1;
      counts.audit_events =
        (await client.query(`select 1 from roster.audit_events where org_id = $1`, [orgB.id]))
          .rowCount ?? -1;
      return counts;
    });
    expect(seen).toEqual({
      customers: 0,
      conversations: 0,
      messages: 0,
      ai_drafts: 0,
      invitation_list: 0,
      ownership_transfers: 0,
      organizations: 0,
      audit_events: 0,
    });
    // ...while B's own owner does see them (the ids are real).
    const own = await asActor(
      orgB.fixture.owner.actor,
      async (client) =>
        (await client.query(`select 1 from public.customers where id = $1`, [orgB.customerId]))
          .rowCount,
    );
    expect(own).toBe(1);
  });
});

describe("demo tables follow the live permission matrix", () => {
  it("lets a viewer read and write AI drafts, and stop reading customers, the moment the owner changes the matrix", async () => {
    const org = await createOrg("iso-matrix");
    const viewer = await createUser("iso-matrix-viewer");
    await addMember(org.orgId, org.owner.actor, viewer, "viewer");
    const one = async (text: string, params: unknown[]) =>
      (await ownerPool.query<{ id: string }>(text, params)).rows[0]!.id;
    const customer = await one(
      `insert into public.customers (org_id, name) values ($1, 'Matrix customer') returning id`,
      [org.orgId],
    );
    const conversation = await one(
      `insert into public.conversations (org_id, customer_id) values ($1, $2) returning id`,
      [org.orgId, customer],
    );
    await one(
      `insert into public.ai_drafts (org_id, conversation_id, body) values ($1, $2, 'Draft') returning id`,
      [org.orgId, conversation],
    );
    const observe = async () => {
      const seen = await asActor(viewer.actor, async (client) => ({
        customers: (
          await client.query(`select 1 from public.customers where org_id = $1`, [org.orgId])
        ).rowCount,
        ai_drafts: (
          await client.query(`select 1 from public.ai_drafts where org_id = $1`, [org.orgId])
        ).rowCount,
      }));
      const draftInsert = await attemptWriteAs(
        viewer.actor,
        st(
          `insert into public.ai_drafts (org_id, conversation_id, body) values ($1, $2, 'Viewer draft')`,
          org.orgId,
          conversation,
        ),
      );
      return { ...seen, draftInsert };
    };

    expect(await observe()).toEqual({ customers: 1, ai_drafts: 0, draftInsert: "rls" });
    await rpc(org.owner.actor, "set_role_permissions", {
      p_org_id: org.orgId,
      p_role: "viewer",
      p_permissions: [
        "audit.read",
        "conversations.read",
        "messages.read",
        "ai_drafts.read",
        "ai_drafts.write",
      ],
    });
    expect(await observe()).toEqual({ customers: 0, ai_drafts: 1, draftInsert: "allowed" });
  });
});

// ---------------------------------------------------------------------------------------------
// The same checks over HTTP: real JWTs from the auth service, PostgREST in front of the database
// ---------------------------------------------------------------------------------------------
describe("through PostgREST with supabase-js", () => {
  let orgC: { orgId: string; name: string; owner: { userId: string; actor: Actor } };
  const http = {} as Record<"admin" | "member" | "viewer", { client: Client; userId: string }>;
  let customerC: string;

  // The invitation exists before sign-up (so no personal org is made); the user accepts over HTTP.
  async function joinOverHttp(role: "admin" | "member" | "viewer") {
    const email = `http-${role}-${randomUUID().slice(0, 8)}@test.roster.dev`;
    const [invitation] = await rpc<{ token: string }>(orgC.owner.actor, "create_invitations", {
      p_org_id: orgC.orgId,
      p_emails: [email],
      p_role: role,
    });
    const client = anonClient();
    const { data, error } = await client.auth.signUp({
      email,
      password: testPassword,
      options: { data: { full_name: `HTTP ${role}` } },
    });
    if (error || !data.user) throw error ?? new Error("sign-up returned no user");
    const accepted = await client.rpc("accept_invitation", { p_token: invitation!.token });
    if (accepted.error) throw new Error(accepted.error.message);
    http[role] = { client, userId: data.user.id };
  }

  beforeAll(async () => {
    orgC = await createOrg("iso-http");
    await joinOverHttp("admin");
    await joinOverHttp("member");
    await joinOverHttp("viewer");
    await rpc(orgC.owner.actor, "create_invitations", {
      p_org_id: orgC.orgId,
      p_emails: [`pending-${randomUUID().slice(0, 8)}@test.roster.dev`],
      p_role: "member",
    });
    const { rows } = await ownerPool.query<{ id: string }>(
      `insert into public.customers (org_id, name) values ($1, 'HTTP customer') returning id`,
      [orgC.orgId],
    );
    customerC = rows[0]!.id;
  });

  it("refuses POST /rest/v1/memberships (403 for a member, 401 for anon) and changes nothing", async () => {
    const before = await orgStateSnapshot(orgC.orgId);
    const asAdmin = await http.admin.client
      .from("memberships")
      .insert({ org_id: orgC.orgId, user_id: http.admin.userId, role: "owner" });
    expect(asAdmin.status).toBe(403);
    expect(asAdmin.error?.code).toBe("42501");
    const promote = await http.admin.client
      .from("memberships")
      .update({ role: "owner" })
      .eq("user_id", http.admin.userId)
      .select();
    expect(promote.status).toBe(403);
    expect(promote.error?.code).toBe("42501");
    const asAnon = await anonClient()
      .from("memberships")
      .insert({ org_id: orgC.orgId, user_id: http.admin.userId, role: "owner" });
    expect(asAnon.status).toBe(401);
    expect(asAnon.error?.code).toBe("42501");
    expect(await orgStateSnapshot(orgC.orgId)).toEqual(before);
  });

  it("scopes member_directory: an admin sees exactly their org, a member and a viewer see nothing, anon is refused", async () => {
    const { rows } = await ownerPool.query<{ id: string }>(
      `select id from roster.memberships where org_id = $1`,
      [orgC.orgId],
    );
    const adminView = await http.admin.client
      .from("member_directory")
      .select("membership_id, org_id");
    expect(adminView.error).toBeNull();
    expect(new Set(adminView.data!.map((r) => r.org_id))).toEqual(new Set([orgC.orgId]));
    expect(adminView.data!.map((r) => r.membership_id).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
    // Asking for another org by id returns nothing rather than its members.
    const probe = await http.admin.client
      .from("member_directory")
      .select("membership_id")
      .eq("org_id", orgA.id);
    expect(probe.data).toEqual([]);

    for (const role of ["member", "viewer"] as const) {
      const view = await http[role].client.from("member_directory").select("membership_id");
      expect(view.error).toBeNull();
      expect(view.data).toEqual([]);
      const mine = await http[role].client.from("memberships").select("user_id, org_id");
      expect(mine.data).toEqual([{ user_id: http[role].userId, org_id: orgC.orgId }]);
    }
    const anon = await anonClient().from("member_directory").select("membership_id");
    expect(anon.status).toBe(401);
  });

  it("never returns token_hash: select=* on invitations is refused, invitation_list has no such column", async () => {
    const star = await http.admin.client.from("invitations").select("*");
    expect(star.status).toBe(403);
    expect(star.error?.code).toBe("42501");
    const column = await http.admin.client.from("invitations").select("id, token_hash");
    expect(column.status).toBe(403);
    const listed = await http.admin.client.from("invitation_list").select("*");
    expect(listed.error).toBeNull();
    expect(listed.data!.length).toBeGreaterThan(0);
    for (const invitation of listed.data!)
      expect(Object.keys(invitation)).not.toContain("token_hash");
    const granted = await http.admin.client.from("invitations").select("id, email, status");
    expect(granted.error).toBeNull();
    expect(granted.data!.length).toBe(listed.data!.length);
  });

  it("guards demo tables by the matrix: member writes, viewer only reads, nobody writes into another org", async () => {
    const inserted = await http.member.client
      .from("customers")
      .insert({ org_id: orgC.orgId, name: "Over HTTP" })
      .select("id")
      .single();
    expect(inserted.status).toBe(201);
    const removed = await http.member.client
      .from("customers")
      .delete()
      .eq("id", inserted.data!.id)
      .select("id");
    expect(removed.data).toEqual([{ id: inserted.data!.id }]);

    const before = await orgStateSnapshot(orgC.orgId);
    const customersBefore = await ownerPool.query(
      `select * from public.customers where org_id = any($1::uuid[]) order by id`,
      [[orgC.orgId, orgA.id]],
    );

    const viewerRead = await http.viewer.client.from("customers").select("id");
    expect(viewerRead.data).toEqual([{ id: customerC }]);
    const viewerInsert = await http.viewer.client
      .from("customers")
      .insert({ org_id: orgC.orgId, name: "Viewer write" });
    expect(viewerInsert.status).toBe(403);
    expect(viewerInsert.error?.code).toBe("42501");
    const viewerUpdate = await http.viewer.client
      .from("customers")
      .update({ name: "Viewer rename" })
      .eq("id", customerC)
      .select("id");
    expect(viewerUpdate.error).toBeNull();
    expect(viewerUpdate.data).toEqual([]);
    const viewerDelete = await http.viewer.client
      .from("customers")
      .delete()
      .eq("id", customerC)
      .select("id");
    expect(viewerDelete.data).toEqual([]);
    const viewerDrafts = await http.viewer.client.from("ai_drafts").select("id");
    expect(viewerDrafts.data).toEqual([]);

    const crossInsert = await http.admin.client
      .from("customers")
      .insert({ org_id: orgA.id, name: "Cross-org" });
    expect(crossInsert.status).toBe(403);
    const crossUpdate = await http.admin.client
      .from("customers")
      .update({ name: "Cross-org" })
      .eq("id", orgA.customerId)
      .select("id");
    expect(crossUpdate.data).toEqual([]);
    const crossDelete = await http.admin.client
      .from("customers")
      .delete()
      .eq("id", orgA.customerId)
      .select("id");
    expect(crossDelete.data).toEqual([]);

    expect(await orgStateSnapshot(orgC.orgId)).toEqual(before);
    const customersAfter = await ownerPool.query(
      `select * from public.customers where org_id = any($1::uuid[]) order by id`,
      [[orgC.orgId, orgA.id]],
    );
    expect(customersAfter.rows).toEqual(customersBefore.rows);
  });

  // DESIGN.md §5: "Never a 500". Postgres refuses writes to the join views while rewriting the
  // query, before any privilege check, with SQLSTATE 55000 — which PostgREST answers with 500.
  it("refuses writes to views with 401/403 and SQLSTATE 42501, never a 500", async () => {
    const views = exposed.filter((r) => r.kind === "v").map((r) => r.name);
    expect(views.length).toBeGreaterThan(0);
    const results: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const view of views) {
      for (const [who, client] of [
        ["anon", anonClient()],
        ["admin", http.admin.client],
      ] as const) {
        for (const method of ["POST", "PATCH", "DELETE"]) {
          const response = await fetch(
            `${stackEnv.API_URL}/rest/v1/${view}${method === "POST" ? "" : `?org_id=eq.${orgC.orgId}`}`,
            {
              method,
              headers: {
                apikey: stackEnv.ANON_KEY,
                Authorization: `Bearer ${await bearer(client)}`,
                "Content-Type": "application/json",
              },
              body: method === "DELETE" ? undefined : JSON.stringify({ org_id: orgC.orgId }),
            },
          );
          const body = (await response.json().catch(() => ({}))) as { code?: string };
          const key = `${method} ${view} as ${who}`;
          results[key] = `${response.status} ${body.code}`;
          expected[key] = `${who === "anon" ? 401 : 403} 42501`;
        }
      }
    }
    expect(results).toEqual(expected);
  });

  async function bearer(client: Client): Promise<string> {
    const { data } = await client.auth.getSession();
    return data.session?.access_token ?? stackEnv.ANON_KEY;
  }

  it("refuses a direct membership write even from a service-role client", async () => {
    const service = apiClient(stackEnv.SERVICE_ROLE_KEY);
    const before = await orgStateSnapshot(orgC.orgId);
    const write = await service
      .from("memberships")
      .insert({ org_id: orgC.orgId, user_id: http.member.userId, role: "owner" });
    expect(write.status).toBe(403);
    expect(write.error?.code).toBe("42501");
    expect(await orgStateSnapshot(orgC.orgId)).toEqual(before);
  });
});
