import { http, HttpResponse } from "msw";
import { env } from "@/config/env";
import { type OrgRole, roleRank } from "@/lib/roles";
import type { Database } from "@/types/database.types";
import { testUser } from "./handlers";
import { server } from "./server";

// A fake organization behind the Supabase URLs the SPA calls: the views it reads, the RPCs
// and the `invitations` edge function. It keeps state, so a change shows up on the next read.

type DirectoryRow = Database["roster"]["Views"]["member_directory"]["Row"];
// The generated types cannot tell that a function's timestamps may be null.
type AccessRow = Omit<
  Database["roster"]["Functions"]["my_access"]["Returns"][number],
  "suspended_at" | "removed_at"
> & { suspended_at: string | null; removed_at: string | null };
type MyInvitationRow = Database["roster"]["Functions"]["my_invitations"]["Returns"][number];
type InvitationRow = Database["roster"]["Views"]["invitation_list"]["Row"];
type ListMembersArgs = Database["roster"]["Functions"]["list_members"]["Args"];
type MemberCountsArgs = Database["roster"]["Functions"]["member_counts"]["Args"];

export const fakeOrg = {
  id: "0b6f8f4e-9c1d-4c55-8f0e-2a8d1c6b7e01",
  slug: "acme",
  name: "Acme Clinic",
};

export const otherOrg = {
  id: "0b6f8f4e-9c1d-4c55-8f0e-2a8d1c6b7e02",
  slug: "northwind",
  name: "Northwind",
};

// The default matrix (DESIGN.md §3), trimmed to the keys the SPA looks at.
export const defaultPermissions: Record<OrgRole, string[]> = {
  owner: [
    "settings.read",
    "settings.write",
    "members.read",
    "members.invite",
    "members.manage",
    "audit.read",
    "audit.export",
    "permissions.manage",
  ],
  admin: [
    "settings.read",
    "settings.write",
    "members.read",
    "members.invite",
    "members.manage",
    "audit.read",
    "audit.export",
  ],
  member: ["customers.read", "customers.write"],
  viewer: ["audit.read", "customers.read"],
};

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export const people = {
  dana: { id: testUser.id, name: testUser.fullName, email: testUser.email },
  olive: {
    id: "11111111-0000-4000-a000-000000000001",
    name: "Olive Owner",
    email: "olive@acme.test",
  },
  ada: { id: "11111111-0000-4000-a000-000000000002", name: "Ada Admin", email: "ada@acme.test" },
  mo: { id: "11111111-0000-4000-a000-000000000003", name: "Mo Member", email: "mo@acme.test" },
  vic: { id: "11111111-0000-4000-a000-000000000004", name: "Vic Viewer", email: "vic@acme.test" },
  sam: {
    id: "11111111-0000-4000-a000-000000000005",
    name: "Sam Suspended",
    email: "sam@acme.test",
  },
  rex: { id: "11111111-0000-4000-a000-000000000006", name: "Rex Removed", email: "rex@acme.test" },
};

type Person = (typeof people)[keyof typeof people];

export function directoryRow(
  person: Person,
  role: OrgRole,
  status: "active" | "suspended" | "removed" = "active",
  fields: Partial<DirectoryRow> = {},
): DirectoryRow {
  return {
    membership_id: `m-${person.id}`,
    org_id: fakeOrg.id,
    org_slug: fakeOrg.slug,
    org_name: fakeOrg.name,
    user_id: person.id,
    display_name: person.name,
    email: person.email,
    role,
    status,
    invited_by: null,
    invited_by_name: null,
    joined_at: "2026-01-05T10:00:00Z",
    last_active_at: null,
    suspended_at: status === "suspended" ? minutesAgo(600) : null,
    suspended_by: null,
    suspended_reason: status === "suspended" ? "Left for a month" : null,
    removed_at: status === "removed" ? minutesAgo(6000) : null,
    removed_by: null,
    removed_reason: null,
    updated_at: null,
    ...fields,
  };
}

export function invitationRow(
  id: string,
  email: string,
  role: OrgRole,
  fields: Partial<InvitationRow> = {},
): InvitationRow {
  return {
    id,
    org_id: fakeOrg.id,
    email,
    role,
    status: "pending",
    invited_by: people.dana.id,
    invited_by_name: people.dana.name,
    message: null,
    created_at: minutesAgo(60),
    expires_at: hoursFromNow(47.5),
    accepted_at: null,
    accepted_by: null,
    declined_at: null,
    revoked_at: null,
    revoked_by: null,
    delivery_status: "sent",
    delivery_error: null,
    send_count: 1,
    last_sent_at: minutesAgo(60),
    ...fields,
  };
}

/** Dana (the test user) as owner, one person in every other position, two invitations. */
export function ownerDirectory(): DirectoryRow[] {
  return [
    directoryRow(people.dana, "owner", "active", { last_active_at: minutesAgo(0) }),
    directoryRow(people.ada, "admin", "active", {
      invited_by: people.dana.id,
      invited_by_name: people.dana.name,
      last_active_at: minutesAgo(2),
    }),
    directoryRow(people.mo, "member"),
    directoryRow(people.vic, "viewer", "active", { last_active_at: minutesAgo(180) }),
    directoryRow(people.sam, "member", "suspended"),
    directoryRow(people.rex, "viewer", "removed"),
  ];
}

/** Dana as admin under Olive, the owner. */
export function adminDirectory(): DirectoryRow[] {
  return [
    directoryRow(people.olive, "owner"),
    directoryRow(people.dana, "admin"),
    directoryRow(people.ada, "admin"),
    directoryRow(people.mo, "member"),
    directoryRow(people.sam, "member", "suspended"),
  ];
}

export function defaultInvitations(): InvitationRow[] {
  return [
    invitationRow("inv-ivy", "ivy@acme.test", "viewer"),
    invitationRow("inv-fay", "fay@acme.test", "member", {
      delivery_status: "failed",
      delivery_error: "Mailbox unavailable",
    }),
  ];
}

type AuditRow = Pick<
  Database["roster"]["Tables"]["audit_events"]["Row"],
  "id" | "occurred_at" | "action" | "actor_id" | "actor_email" | "reason" | "target_user_id"
>;

type FakeOrgOptions = {
  role?: OrgRole;
  directory?: DirectoryRow[];
  invitations?: InvitationRow[];
  audit?: AuditRow[];
  permissions?: Partial<Record<OrgRole, string[]>>;
  /** Other organizations the user belongs to, listed in the switcher. */
  alsoMemberOf?: { org: typeof otherOrg; role: OrgRole }[];
  /** Memberships the user has lost (`my_access` rows besides the active ones). */
  lostAccess?: AccessRow[];
  /** Pending invitations addressed to the user (`my_invitations`). */
  invitationsForMe?: MyInvitationRow[];
};

/** A `my_access` row: the user's membership in `org`, in whatever state. */
export function accessRow(
  org: typeof otherOrg,
  status: AccessRow["status"],
  fields: Partial<AccessRow> = {},
): AccessRow {
  return {
    org_id: org.id,
    org_slug: org.slug,
    org_name: org.name,
    org_deleted: false,
    role: "member",
    status,
    joined_at: "2026-01-05T10:00:00Z",
    suspended_at: status === "suspended" ? "2026-03-02T09:00:00Z" : null,
    removed_at: status === "removed" ? "2026-03-02T09:00:00Z" : null,
    ...fields,
  };
}

export type RecordedCall = { name: string; body: Record<string, unknown> };

/** A PostgREST refusal as the database raises it. */
export function postgrestError(status: number, code: string, hint: string) {
  return HttpResponse.json(
    { code, message: `server says ${hint}`, details: null, hint },
    { status },
  );
}

const rest = `${env.supabaseUrl}/rest/v1`;
const functions = `${env.supabaseUrl}/functions/v1`;

// supabase-js turns .range(from, to) into offset/limit query parameters.
function page<T>(rows: T[], url: URL): T[] {
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? rows.length);
  return rows.slice(offset, offset + limit);
}

type ListedRow = {
  kind: "member" | "invitation";
  id: string;
  user_id: string | null;
  display_name: string;
  email: string;
  role: OrgRole;
  status: "active" | "invited" | "suspended" | "removed";
  invited_by_name: string | null;
  joined_at: string | null;
  last_active_at: string | null;
  invited_at: string | null;
  expires_at: string | null;
  delivery_failed: boolean;
  suspended_at: string | null;
  suspended_by: string | null;
  suspended_reason: string | null;
  removed_at: string | null;
  removed_by: string | null;
  removed_reason: string | null;
};

/** Memberships of every status and live pending invitations, as `list_members` lists them. */
function listedRows(directory: DirectoryRow[], invitations: InvitationRow[]): ListedRow[] {
  const members = directory.map((row): ListedRow => ({
    kind: "member",
    id: row.membership_id!,
    user_id: row.user_id,
    display_name: row.display_name ?? row.email!,
    email: row.email!,
    role: row.role!,
    status: row.status!,
    invited_by_name: row.invited_by_name,
    joined_at: row.joined_at,
    last_active_at: row.last_active_at,
    invited_at: null,
    expires_at: null,
    delivery_failed: false,
    suspended_at: row.suspended_at,
    suspended_by: row.suspended_by,
    suspended_reason: row.suspended_reason,
    removed_at: row.removed_at,
    removed_by: row.removed_by,
    removed_reason: row.removed_reason,
  }));
  const pending = invitations
    .filter((row) => row.status === "pending" && row.expires_at! > new Date().toISOString())
    .map((row): ListedRow => ({
      kind: "invitation",
      id: row.id!,
      user_id: null,
      display_name: row.email!,
      email: row.email!,
      role: row.role!,
      status: "invited",
      invited_by_name: row.invited_by_name,
      joined_at: null,
      last_active_at: null,
      invited_at: row.created_at,
      expires_at: row.expires_at,
      delivery_failed: row.delivery_status === "failed",
      suspended_at: null,
      suspended_by: null,
      suspended_reason: null,
      removed_at: null,
      removed_by: null,
      removed_reason: null,
    }));
  return [...members, ...pending];
}

const statusKey = { active: 0, invited: 1, suspended: 2, removed: 3 } as const;
// Newest first, never last (docs/database.md, list_members).
const timeKey = (at: string | null) => (at ? -Date.parse(at) : Number.POSITIVE_INFINITY);
const sortKeys: Record<string, (row: ListedRow) => number> = {
  name: () => 0,
  role: (row) => -roleRank[row.role],
  status: (row) => statusKey[row.status],
  "last-active": (row) => timeKey(row.last_active_at),
  joined: (row) => timeKey(row.joined_at ?? row.invited_at),
};

/** The rows matching a search and role, as `list_members` and `member_counts` match them. */
function matching(rows: ListedRow[], search: string | undefined, role: string | undefined) {
  const needle = search?.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!role || row.role === role) &&
      (!needle ||
        row.display_name.toLowerCase().includes(needle) ||
        row.email.toLowerCase().includes(needle)),
  );
}

/** `list_members` over the fake rows: filters, sort, and a cursor naming the last row shown. */
function listMembers(rows: ListedRow[], args: ListMembersArgs) {
  const sort = args.p_sort ?? "name";
  const key = sortKeys[sort];
  if (!key) throw new Error(`fake org: unknown sort ${sort}`);
  const name = (row: ListedRow) => row.display_name.toLowerCase();
  const sorted = matching(rows, args.p_search, args.p_role)
    .filter((row) =>
      args.p_status
        ? row.status === args.p_status
        : args.p_include_removed || row.status !== "removed",
    )
    .sort(
      (a, b) =>
        key(a) - key(b) ||
        (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0) ||
        (a.id < b.id ? -1 : 1),
    );
  const start = args.p_after ? sorted.findIndex((row) => row.id === args.p_after) + 1 : 0;
  return sorted
    .slice(start, start + (args.p_limit ?? 50))
    .map((row) => ({ ...row, cursor: row.id }));
}

/**
 * Installs the fake organization for one test and returns its state: `calls` lists every
 * write the SPA made, in order, with its JSON body.
 */
export function installFakeOrg(options: FakeOrgOptions = {}) {
  const role = options.role ?? "owner";
  const state = {
    directory: options.directory ?? (role === "owner" ? ownerDirectory() : adminDirectory()),
    invitations: options.invitations ?? defaultInvitations(),
    audit: options.audit ?? [],
    calls: [] as RecordedCall[],
  };
  const permissions = { ...defaultPermissions, ...options.permissions };
  const memberships = [{ org: fakeOrg, role }, ...(options.alsoMemberOf ?? [])].map(
    ({ org, role: orgRole }) => ({
      org_id: org.id,
      org_slug: org.slug,
      org_name: org.name,
      role: orgRole,
      is_personal: false,
    }),
  );

  const record = async (name: string, request: Request) => {
    const body = (await request.json()) as Record<string, unknown>;
    state.calls.push({ name, body });
    return body;
  };
  const memberByUserId = (userId: unknown) => {
    const row = state.directory.find((member) => member.user_id === userId);
    if (!row) throw new Error(`fake org: no member ${String(userId)}`);
    return row;
  };

  const access = [
    ...memberships.map((row) => ({
      ...accessRow({ id: row.org_id, slug: row.org_slug, name: row.org_name }, "active"),
      role: row.role,
    })),
    ...(options.lostAccess ?? []),
  ];

  server.use(
    http.get(`${rest}/my_memberships`, () => HttpResponse.json(memberships)),
    http.post(`${rest}/rpc/my_access`, () => HttpResponse.json(access)),
    http.post(`${rest}/rpc/my_invitations`, () =>
      HttpResponse.json(options.invitationsForMe ?? []),
    ),
    // The team information settings.read holders see on Settings.
    http.post(`${rest}/rpc/get_organization_settings`, () =>
      HttpResponse.json({
        id: fakeOrg.id,
        name: fakeOrg.name,
        legal_name: null,
        description: null,
        created_at: minutesAgo(60 * 24 * 30),
        invitation_lifetime_hours: 48,
      }),
    ),
    http.get(`${rest}/role_permissions`, ({ request }) => {
      const url = new URL(request.url);
      const orgId = url.searchParams.get("org_id")?.replace("eq.", "");
      const asked = url.searchParams.get("role")?.replace("eq.", "") as OrgRole;
      const membership = memberships.find((candidate) => candidate.org_id === orgId);
      if (!membership) return HttpResponse.json([]);
      return HttpResponse.json((permissions[asked] ?? []).map((permission) => ({ permission })));
    }),
    http.get(`${rest}/member_directory`, ({ request }) =>
      HttpResponse.json(page(state.directory, new URL(request.url))),
    ),
    http.post(`${rest}/rpc/list_members`, async ({ request }) => {
      const args = (await request.json()) as ListMembersArgs;
      return HttpResponse.json(listMembers(listedRows(state.directory, state.invitations), args));
    }),
    http.post(`${rest}/rpc/member_counts`, async ({ request }) => {
      const args = (await request.json()) as MemberCountsArgs;
      const rows = matching(
        listedRows(state.directory, state.invitations),
        args.p_search,
        args.p_role,
      );
      return HttpResponse.json({
        active: rows.filter((row) => row.status === "active").length,
        invited: rows.filter((row) => row.status === "invited").length,
        suspended: rows.filter((row) => row.status === "suspended").length,
        removed: rows.filter((row) => row.status === "removed").length,
      });
    }),
    // Display names for the ids a row or drawer mentions.
    http.get(`${rest}/profiles`, ({ request }) => {
      const ids = /^in\.\((.*)\)$/.exec(new URL(request.url).searchParams.get("user_id") ?? "");
      const wanted = new Set(ids?.[1]?.split(",") ?? []);
      return HttpResponse.json(
        state.directory
          .filter((row) => row.user_id && wanted.has(row.user_id))
          .map((row) => ({ user_id: row.user_id, display_name: row.display_name })),
      );
    }),
    http.get(`${rest}/invitation_list`, ({ request }) => {
      const url = new URL(request.url);
      const status = url.searchParams.get("status")?.replace("eq.", "");
      return HttpResponse.json(
        page(
          state.invitations.filter((invitation) => !status || invitation.status === status),
          url,
        ),
      );
    }),
    // A person's recent events, for the member drawer.
    http.get(`${rest}/audit_events`, ({ request }) => {
      const target = new URL(request.url).searchParams.get("target_user_id")?.replace("eq.", "");
      return HttpResponse.json(state.audit.filter((event) => event.target_user_id === target));
    }),
    http.post(`${rest}/rpc/audit_actors`, () => HttpResponse.json([])),
    http.post(`${rest}/rpc/audit_actions`, () => HttpResponse.json([])),
    // The audit page checks the chain on arrival (a viewer lands there).
    http.post(`${rest}/rpc/verify_audit_chain`, () =>
      HttpResponse.json({ ok: true, checked: 0, first_broken_id: null }),
    ),
    http.post(`${rest}/rpc/touch_membership`, async ({ request }) => {
      await record("touch_membership", request);
      return HttpResponse.json(new Date().toISOString());
    }),
    http.post(`${rest}/rpc/change_member_role`, async ({ request }) => {
      const body = await record("change_member_role", request);
      const row = memberByUserId(body.p_user_id);
      row.role = body.p_role as OrgRole;
      return HttpResponse.json(row);
    }),
    http.post(`${rest}/rpc/suspend_member`, async ({ request }) => {
      const body = await record("suspend_member", request);
      const row = memberByUserId(body.p_user_id);
      row.status = "suspended";
      return HttpResponse.json(row);
    }),
    http.post(`${rest}/rpc/reactivate_member`, async ({ request }) => {
      const body = await record("reactivate_member", request);
      const row = memberByUserId(body.p_user_id);
      row.status = "active";
      return HttpResponse.json(row);
    }),
    http.post(`${rest}/rpc/remove_member`, async ({ request }) => {
      const body = await record("remove_member", request);
      const row = memberByUserId(body.p_user_id);
      row.status = "removed";
      return HttpResponse.json(row);
    }),
    http.post(`${rest}/rpc/revoke_invitation`, async ({ request }) => {
      const body = await record("revoke_invitation", request);
      const invitation = state.invitations.find((row) => row.id === body.p_invitation_id);
      if (invitation) invitation.status = "revoked";
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(`${functions}/invitations`, async ({ request }) => {
      const body = await record("invitations", request);
      if (body.action === "resend") {
        const invitation = state.invitations.find((row) => row.id === body.invitation_id);
        return HttpResponse.json({
          result: { invitation_id: body.invitation_id, email: invitation?.email, status: "sent" },
        });
      }
      const emails = body.emails as string[];
      const results = emails.map((email, index) => {
        const id = `inv-new-${index}`;
        state.invitations.push(invitationRow(id, email, body.role as OrgRole));
        return { email, status: "sent", invitation_id: id };
      });
      return HttpResponse.json({ results });
    }),
  );
  return state;
}
