// list_members and member_counts (issue 11): the members page reads one keyset page at a time.
// Every sort × filter is paged through end to end and compared with the order the page showed
// when it sorted the whole org itself (src/features/members/utils/filter-members.ts), computed
// here from the tables: search in name or email, status (removed only when asked), role, ties by
// name then id. Names compare lower-cased, code point by code point (the index order).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closePools,
  insertAuthUsersSql,
  ownerPool,
  refusal,
  rpc,
  type TestUser,
} from "../support/db.ts";
import { createOrgFixture, type OrgFixture } from "../support/org.ts";

afterAll(closePools);

interface Row {
  kind: "member" | "invitation";
  id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  last_active_at: string | null;
  joined_at: string | null;
  invited_at: string | null;
}

type Sort = "name" | "role" | "status" | "last-active" | "joined";
interface Query {
  p_search?: string;
  p_role?: string;
  p_status?: string;
  p_include_removed?: boolean;
  p_sort?: Sort;
}

const roleOrder: Record<string, number> = { owner: 0, admin: 1, member: 2, viewer: 3 };
const statusOrder: Record<string, number> = { active: 0, invited: 1, suspended: 2, removed: 3 };
const recent = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : Date.parse(b) - Date.parse(a);
const comparators: Record<Sort, (a: Row, b: Row) => number> = {
  name: () => 0,
  role: (a, b) => roleOrder[a.role]! - roleOrder[b.role]!,
  status: (a, b) => statusOrder[a.status]! - statusOrder[b.status]!,
  "last-active": (a, b) => recent(a.last_active_at, b.last_active_at),
  joined: (a, b) => recent(a.joined_at ?? a.invited_at, b.joined_at ?? b.invited_at),
};
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

let f: OrgFixture;
let everyone: Row[] = [];

function expected(query: Query): string[] {
  const needle = query.p_search?.trim().toLowerCase() ?? "";
  const compare = comparators[query.p_sort ?? "name"];
  return everyone
    .filter(
      (row) =>
        (query.p_status
          ? row.status === query.p_status
          : query.p_include_removed || row.status !== "removed") &&
        (!query.p_role || row.role === query.p_role) &&
        (!needle ||
          row.name.toLowerCase().includes(needle) ||
          row.email.toLowerCase().includes(needle)),
    )
    .sort(
      (a, b) =>
        compare(a, b) || byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.id, b.id),
    )
    .map((row) => row.id);
}

async function pageThrough(actor: TestUser["actor"], query: Query, limit: number) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const rows: { id: string; cursor: string }[] = await rpc(actor, "list_members", {
      p_org_id: f.orgId,
      ...query,
      p_after: after,
      p_limit: limit,
    });
    ids.push(...rows.map((row) => row.id));
    if (rows.length < limit) return ids;
    after = rows.at(-1)!.cursor;
  }
  throw new Error("list_members never reached the end");
}

beforeAll(async () => {
  f = await createOrgFixture("member-list");
  const tag = randomUUID().slice(0, 8);
  // 40 more people with clashing names, every role below owner and status, some never active
  await ownerPool.query(
    insertAuthUsersSql(
      `select gen_random_uuid(), format('ml-%s-%s@test.roster.dev', $1::text, g),
              format('%s Person', (array['Ada', 'ada', 'Bo', 'Zed', 'Ml Shared'])[1 + g % 5]), now()
       from generate_series(1, 40) g`,
    ),
    [tag],
  );
  await ownerPool.query(
    `insert into roster.memberships (org_id, user_id, role, status, joined_at, last_active_at,
                                     suspended_at, removed_at)
     select $1, p.user_id, (array['admin', 'member', 'viewer'])[1 + n % 3]::roster.org_role,
            s.status, now() - (n % 7) * interval '1 day', case when n % 4 <> 0 then now() - (n % 5) * interval '1 hour' end,
            case when s.status = 'suspended' then now() end, case when s.status = 'removed' then now() end
     from (select p.user_id, row_number() over (order by p.email) as n
           from roster.profiles p where p.email like $2) p
     cross join lateral (select (case when n % 9 = 0 then 'removed' when n % 6 = 0 then 'suspended'
                                 else 'active' end)::roster.membership_status as status) s`,
    [f.orgId, `ml-${tag}-%`],
  );
  // pending invitations (some sharing a name with members), plus ones the list must not show
  await ownerPool.query(
    `insert into roster.invitations (org_id, email, role, token_hash, invited_by, expires_at, status, created_at)
     select $1, format('%s-%s-%s@test.roster.dev', (array['ada', 'zed', 'inv'])[1 + g % 3], $2::text, g),
            (array['member', 'viewer', 'admin'])[1 + g % 3]::roster.org_role, extensions.gen_random_bytes(32), $3,
            case when g = 1 then now() - interval '1 minute' else now() + interval '1 day' end,
            case when g = 2 then 'accepted' else 'pending' end::roster.invitation_status,
            now() - g * interval '1 hour'
     from generate_series(1, 14) g`,
    [f.orgId, tag, f.owner.userId],
  );
  const { rows } = await ownerPool.query<Row>(
    `select 'member' as kind, m.id, coalesce(p.display_name, p.email::text) as name, p.email::text as email,
            m.role::text, m.status::text, m.last_active_at, m.joined_at, null as invited_at
     from roster.memberships m join roster.profiles p on p.user_id = m.user_id where m.org_id = $1
     union all
     select 'invitation', i.id, i.email::text, i.email::text, i.role::text, 'invited', null, null, i.created_at
     from roster.invitations i where i.org_id = $1 and i.status = 'pending' and i.expires_at > now()`,
    [f.orgId],
  );
  everyone = rows.map((row) => ({
    ...row,
    last_active_at: row.last_active_at && new Date(row.last_active_at).toISOString(),
    joined_at: row.joined_at && new Date(row.joined_at).toISOString(),
    invited_at: row.invited_at && new Date(row.invited_at).toISOString(),
  }));
}, 60_000);

describe("list_members pages the members page's list on the server", () => {
  it("holds members of every status and live pending invitations only", () => {
    expect(everyone.length).toBeGreaterThan(55);
    expect(new Set(everyone.map((row) => row.status))).toEqual(
      new Set(["active", "invited", "suspended", "removed"]),
    );
  });

  const queries: Query[] = [
    {},
    { p_include_removed: true },
    { p_status: "invited" },
    { p_status: "suspended" },
    { p_status: "removed" },
    { p_role: "viewer" },
    { p_search: "  ADA " },
    { p_search: "ml-" },
    { p_search: "zed", p_role: "member", p_include_removed: true },
    { p_search: "no such person" },
  ];
  const sorts: Sort[] = ["name", "role", "status", "last-active", "joined"];

  it.each(sorts.flatMap((sort) => queries.map((query) => ({ ...query, p_sort: sort }))))(
    "pages %o exactly as the whole-org sort would show it",
    async (query) => {
      const want = expected(query);
      expect(await pageThrough(f.admin.actor, query, 7)).toEqual(want);
      // one page of everything agrees with many small pages
      if (want.length <= 200) expect(await pageThrough(f.admin.actor, query, 200)).toEqual(want);
    },
  );

  it("returns what the page shows for a member and an invitation", async () => {
    const rows = await rpc(f.admin.actor, "list_members", {
      p_org_id: f.orgId,
      p_search: f.suspended.email,
    });
    expect(rows).toEqual([
      expect.objectContaining({
        kind: "member",
        user_id: f.suspended.userId,
        display_name: "member-list suspended",
        email: f.suspended.email,
        role: "member",
        status: "suspended",
        invited_by_name: "member-list Owner",
        suspended_by: f.owner.userId,
        suspended_reason: "Fixture: suspended",
        expires_at: null,
        delivery_failed: false,
      }),
    ]);
    const [invitation] = await rpc(f.admin.actor, "list_members", {
      p_org_id: f.orgId,
      p_status: "invited",
      p_limit: 1,
    });
    expect(invitation).toMatchObject({
      kind: "invitation",
      user_id: null,
      status: "invited",
      invited_by_name: "member-list Owner",
      joined_at: null,
    });
    expect(invitation!.display_name).toBe(invitation!.email);
    expect(invitation!.expires_at).not.toBeNull();
  });

  it("follows a rename: the directory keys are kept from the profile", async () => {
    await ownerPool.query("update roster.profiles set display_name = $2 where user_id = $1", [
      f.member.userId,
      "Aaaa first by name",
    ]);
    const [first] = await rpc(f.admin.actor, "list_members", { p_org_id: f.orgId, p_limit: 1 });
    expect(first).toMatchObject({ user_id: f.member.userId, display_name: "Aaaa first by name" });
    const found = await rpc(f.admin.actor, "list_members", {
      p_org_id: f.orgId,
      p_search: "aaaa FIRST",
    });
    expect(found.map((row) => row.user_id)).toEqual([f.member.userId]);
  });
});

describe("member_counts", () => {
  it.each<Query>([
    {},
    { p_search: "ada" },
    { p_role: "member" },
    { p_search: "zed", p_role: "admin" },
  ])("counts every status of %o", async (query) => {
    const [row] = await rpc<{ member_counts: Record<string, number> }>(
      f.admin.actor,
      "member_counts",
      { p_org_id: f.orgId, p_search: query.p_search ?? null, p_role: query.p_role ?? null },
    );
    const count = (status: string) => expected({ ...query, p_status: status }).length;
    expect(row!.member_counts).toEqual({
      active: count("active"),
      invited: count("invited"),
      suspended: count("suspended"),
      removed: count("removed"),
    });
  });
});

describe("who may list, and bad input", () => {
  it.each([
    ["viewer", "forbidden"],
    ["member", "forbidden"],
    ["suspended", "not_found"],
    ["removed", "not_found"],
    ["outsider", "not_found"],
  ] as const)("%s is refused with %s", async (position, hint) => {
    for (const name of ["list_members", "member_counts"])
      expect(await refusal(rpc(f[position].actor, name, { p_org_id: f.orgId }))).toMatchObject({
        hint,
      });
  });

  it.each<[string, Record<string, unknown>]>([
    ["malformed org id", { p_org_id: "nope" }],
    ["limit 0", { p_limit: 0 }],
    ["limit 201", { p_limit: 201 }],
    ["unknown sort", { p_sort: "email" }],
    ["unknown status", { p_status: "pending" }],
    ["unknown role", { p_role: "boss" }],
    ["search over 200 characters", { p_search: "x".repeat(201) }],
    ["a cursor that is not one", { p_after: "not-a-cursor" }],
    ["a cursor of another sort", { p_after: "name-cursor", p_sort: "role" }],
  ])("%s is invalid_input", async (_label, args) => {
    const [first] = await rpc<{ cursor: string }>(f.admin.actor, "list_members", {
      p_org_id: f.orgId,
      p_limit: 1,
    });
    const withCursor = args.p_after === "name-cursor" ? { ...args, p_after: first!.cursor } : args;
    expect(
      await refusal(rpc(f.admin.actor, "list_members", { p_org_id: f.orgId, ...withCursor })),
    ).toMatchObject({ hint: "invalid_input", code: "22023" });
  });
});
