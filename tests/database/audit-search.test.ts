// search_audit_events (issue 11): the audit page's text search through the per-org trigram
// index. It must answer exactly what the page's PostgREST filter answers under RLS (same rows,
// same order, same filters), page by keyset, and refuse whoever may not read the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asActor, closePools, ownerPool, refusal, rpc } from "../support/db.ts";
import { createOrgFixture, type OrgFixture } from "../support/org.ts";

afterAll(closePools);

let f: OrgFixture;
let other: OrgFixture;

beforeAll(async () => {
  [f, other] = await Promise.all([
    createOrgFixture("audit-search"),
    createOrgFixture("audit-search-other"),
  ]);
  // reasons with LIKE metacharacters, and an event that only the other org has
  await ownerPool.query(
    `insert into roster.audit_events (org_id, actor_kind, action, reason, target_email, hash)
     select $1, 'system', 'org.updated', format('Renamed 100%% to_%s', g), format('t%s@example.com', g), '\\x'::bytea
     from generate_series(1, 30) g`,
    [f.orgId],
  );
  await ownerPool.query(
    `insert into roster.audit_events (org_id, actor_kind, action, reason, hash)
     values ($1, 'system', 'org.updated', 'Renamed 100% elsewhere', '\\x'::bytea)`,
    [other.orgId],
  );
});

// The page's own query (src/features/audit/api/get-audit-events.ts) as the same reader.
async function throughRls(q: string, extra = ""): Promise<string[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return asActor(f.admin.actor, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `select id::text from roster.audit_events where org_id = $1
         and (actor_email ilike $2 or target_email ilike $2 or action ilike $2 or reason ilike $2)${extra}
       order by occurred_at desc, id desc`,
      [f.orgId, pattern],
    );
    return rows.map((row) => row.id);
  });
}

async function search(args: Record<string, unknown>): Promise<string[]> {
  const rows = await rpc<{ id: string }>(f.admin.actor, "search_audit_events", {
    p_org_id: f.orgId,
    ...args,
  });
  return rows.map((row) => String(row.id));
}

describe("search_audit_events", () => {
  it.each(["100%", "to_1", "ORG.UPD", "audit-search", "suspended", "nothing like this"])(
    "finds what the page's filter finds for %s, in the same order",
    async (q) => {
      const want = await throughRls(q);
      expect(await search({ p_q: q, p_limit: 1000 })).toEqual(want);
    },
  );

  it("pages by keyset with the same order", async () => {
    const want = await throughRls("renamed");
    expect(want.length).toBe(30);
    const seen: string[] = [];
    let before: { at: string; id: string } | undefined;
    for (;;) {
      // occurred_at as text: a JavaScript Date drops the microseconds the cursor needs
      const rows = await asActor(f.admin.actor, async (client) => {
        const result = await client.query<{ id: string; at: string }>(
          `select id::text, occurred_at::text as at from roster.search_audit_events(
             p_org_id => $1, p_q => 'renamed', p_limit => 7, p_before_occurred_at => $2, p_before_id => $3)`,
          [f.orgId, before?.at ?? null, before?.id ?? null],
        );
        return result.rows;
      });
      seen.push(...rows.map((row) => row.id));
      if (rows.length < 7) break;
      before = rows.at(-1)!;
    }
    expect(seen).toEqual(want);
  });

  it("applies the page's other filters", async () => {
    expect(await search({ p_q: "renamed", p_target: "t3", p_limit: 1000 })).toEqual(
      await throughRls("renamed", " and target_email ilike '%t3%'"),
    );
    expect(await search({ p_q: "e", p_actions: ["member.suspended"], p_limit: 1000 })).toEqual(
      await throughRls("e", " and action = 'member.suspended'"),
    );
    expect(
      await search({ p_q: "e", p_actor_id: f.owner.userId, p_from: "2000-01-01T00:00:00Z" }),
    ).toEqual((await throughRls("e", ` and actor_id = '${f.owner.userId}'`)).slice(0, 50));
  });

  it.each([
    ["viewer", null],
    ["member", "forbidden"],
    ["removed", "not_found"],
    ["outsider", "not_found"],
  ] as const)("%s: %s", async (position, hint) => {
    const call = rpc(f[position].actor, "search_audit_events", { p_org_id: f.orgId, p_q: "e" });
    if (hint === null) expect((await call).length).toBeGreaterThan(0);
    else expect(await refusal(call)).toMatchObject({ hint });
  });

  it.each<[string, Record<string, unknown>]>([
    ["no text", { p_q: "  " }],
    ["limit 0", { p_q: "e", p_limit: 0 }],
    ["half a cursor", { p_q: "e", p_before_id: 5 }],
    ["a malformed actor id", { p_q: "e", p_actor_id: "nope" }],
    ["too many actions", { p_q: "e", p_actions: Array(51).fill("org.updated") }],
  ])("%s is invalid_input", async (_label, args) => {
    expect(
      await refusal(rpc(f.admin.actor, "search_audit_events", { p_org_id: f.orgId, ...args })),
    ).toMatchObject({ hint: "invalid_input", code: "22023" });
  });
});
