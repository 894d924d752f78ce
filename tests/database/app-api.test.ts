// Issue 13: the SQL API an app uses for its own tables (docs/adopting.md, docs/database.md §5
// "App API"). register_permission and audit are for postgres alone; every API role is refused.
// Registrations happen in transactions that are rolled back, so the shared catalog keeps only
// keys that some policy checks (tests/database/access.test.ts).
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActor,
  asActorAfterSetup,
  closePools,
  ownerPool,
  refusal,
  rpc,
  type Actor,
} from "../support/db.ts";
import { createOrg, createOrgFixture, type OrgFixture } from "../support/org.ts";

let f: OrgFixture;
let other: Awaited<ReturnType<typeof createOrg>>;
let conversationId = "";

beforeAll(async () => {
  f = await createOrgFixture("app-api");
  other = await createOrg("app-api-other");
  const { rows } = await ownerPool.query<{ id: string }>(
    `with c as (insert into public.customers (org_id, name) values ($1, 'Ada') returning id)
     insert into public.conversations (org_id, customer_id, subject, status)
     select $1, c.id, 'Refund', 'pending' from c returning id`,
    [f.orgId],
  );
  conversationId = rows[0]!.id;
});

afterAll(closePools);

// Runs `work` as postgres (the migration role) in a transaction that is always rolled back.
async function asMigration<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await ownerPool.connect();
  try {
    await client.query("begin");
    return await work(client);
  } finally {
    await client.query("rollback");
    client.release();
  }
}

const register = (client: pg.PoolClient, key: string, description: string, roles: string) =>
  client.query("select roster.register_permission($1, $2, $3::roster.org_role[])", [
    key,
    description,
    roles,
  ]);

const grantsOf = async (client: pg.PoolClient, orgId: string, key: string) =>
  (
    await client.query<{ name: string }>(
      "select role::text as name from roster.role_permissions where org_id = $1 and permission = $2 order by role",
      [orgId, key],
    )
  ).rows.map((row) => row.name);

const apiRoles: Array<[string, () => Actor]> = [
  ["anon", () => ({ role: "anon" })],
  ["authenticated (the owner)", () => f.owner.actor],
  ["service_role", () => ({ role: "service_role" })],
];

describe("register_permission", () => {
  it.each(apiRoles)("is refused to %s", async (_label, actor) => {
    const error = await refusal(
      asActor(actor(), (client) => register(client, "tickets.read", "View tickets", "{admin}")),
    );
    expect(error.code).toBe("42501");
    expect(
      (await ownerPool.query("select 1 from roster.permissions where key = 'tickets.read'")).rows,
    ).toEqual([]);
  });

  it("adds the key, its defaults, and grants it in every existing organization", async () => {
    await asMigration(async (client) => {
      await register(client, "tickets.read", "View tickets", "{admin,member}");
      const { rows } = await client.query(
        "select key, area, description, owner_only from roster.permissions where key = 'tickets.read'",
      );
      expect(rows).toEqual([
        { key: "tickets.read", area: "tickets", description: "View tickets", owner_only: false },
      ]);
      for (const orgId of [f.orgId, other.orgId])
        expect(await grantsOf(client, orgId, "tickets.read")).toEqual(["owner", "admin", "member"]);
      const { rows: defaults } = await client.query(
        "select role::text as name from roster_private.default_role_permissions where permission = 'tickets.read' order by role",
      );
      expect(defaults.map((row) => row.name)).toEqual(["owner", "admin", "member"]);
    });
  });

  it("shows in what the Roles page reads, for every active member", async () => {
    await asActorAfterSetup(
      (client) => register(client, "tickets.write", "Edit tickets", "{admin}"),
      f.viewer.actor,
      async (client) => {
        const { rows: catalog } = await client.query(
          "select area, description from roster.permissions where key = 'tickets.write'",
        );
        expect(catalog).toEqual([{ area: "tickets", description: "Edit tickets" }]);
        const { rows: matrix } = await client.query(
          "select role::text as name from roster.role_permissions where org_id = $1 and permission = 'tickets.write' order by role",
          [f.orgId],
        );
        expect(matrix.map((row) => row.name)).toEqual(["owner", "admin"]);
      },
    );
  });

  it("is idempotent and never overwrites a matrix an owner edited", async () => {
    await asMigration(async (client) => {
      await register(client, "tickets.read", "View tickets", "{admin,member}");
      // the owner of f takes tickets.read away from members
      await client.query(
        "delete from roster.role_permissions where org_id = $1 and role = 'member' and permission = 'tickets.read'",
        [f.orgId],
      );
      await register(client, "tickets.read", "Read tickets", "{admin,member,viewer}");
      await register(client, "tickets.read", "Read tickets", "{admin,member,viewer}");
      expect(await grantsOf(client, f.orgId, "tickets.read")).toEqual(["owner", "admin"]);
      expect(await grantsOf(client, other.orgId, "tickets.read")).toEqual([
        "owner",
        "admin",
        "member",
      ]);
      const { rows } = await client.query(
        "select description from roster.permissions where key = 'tickets.read'",
      );
      expect(rows).toEqual([{ description: "Read tickets" }]);
      // organizations created from now on start from the new defaults
      const { rows: created } = await client.query<{ id: string }>(
        "insert into roster.organizations (slug, name) values ('app-api-new-' || substr(md5(random()::text), 1, 8), 'New') returning id",
      );
      expect(await grantsOf(client, created[0]!.id, "tickets.read")).toEqual([
        "owner",
        "admin",
        "member",
        "viewer",
      ]);
    });
  });

  it.each([
    ["an area of Roster's own", "members.kick", "Kick"],
    ["a Roster action's area", "member.removed", "Remove"],
    ["a key without a verb", "tickets", "Tickets"],
    ["upper case", "Tickets.Read", "Tickets"],
    ["three parts", "tickets.read.all", "Tickets"],
    ["a blank description", "tickets.read", " \u00a0 "],
  ])("refuses %s with invalid_input, writing nothing", async (_label, key, description) => {
    // outside a transaction: a missing check would leave the key in the catalog
    const error = await refusal(
      ownerPool.query("select roster.register_permission($1, $2, '{admin}')", [key, description]),
    );
    expect(error).toMatchObject({ code: "22023", hint: "invalid_input" });
    const { rows } = await ownerPool.query(
      "select count(*)::int as n from roster.permissions where key = $1",
      [key],
    );
    expect(rows[0]!.n).toBe(0);
  });
});

describe("orgs_with", () => {
  it("answers the caller's own orgs whose role holds the key, and nothing to anyone else", async () => {
    const ask = async (actor: Actor) =>
      (
        await rpc<{ orgs_with: string }>(actor, "orgs_with", { p_permission: "customers.write" })
      ).map((row) => row.orgs_with);
    // members hold customers.write by default (and in their personal org)
    expect(await ask(f.member.actor)).toContain(f.orgId);
    for (const person of [f.viewer, f.suspended, f.removed, f.outsider, other.owner])
      expect(await ask(person.actor)).not.toContain(f.orgId);
    expect(await ask(f.viewer.actor)).not.toContain(other.orgId);
    expect((await refusal(ask({ role: "anon" }))).code).toBe("42501");
  });
});

describe("set_updated_at", () => {
  it("stamps an app row's updated_at whenever the row changes", async () => {
    const { rows: before } = await ownerPool.query<{ id: string; updated_at: Date }>(
      "select id, updated_at from public.customers where org_id = $1 and name = 'Ada'",
      [f.orgId],
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    const { rows: after } = await ownerPool.query<{ updated_at: Date }>(
      "update public.customers set notes = 'Called back' where id = $1 returning updated_at",
      [before[0]!.id],
    );
    expect(after[0]!.updated_at.getTime()).toBeGreaterThan(before[0]!.updated_at.getTime());
  });
});

describe("audit", () => {
  const eventsOf = async (action: string) =>
    (
      await ownerPool.query(
        "select actor_id, action, reason, before, after from roster.audit_events where org_id = $1 and action = $2",
        [f.orgId, action],
      )
    ).rows;

  it.each(apiRoles)("is refused to %s", async (_label, actor) => {
    const error = await refusal(
      asActor(actor(), (client) =>
        client.query("select roster.audit($1, 'customers.merged')", [f.orgId]),
      ),
    );
    expect(error.code).toBe("42501");
    expect(await eventsOf("customers.merged")).toEqual([]);
  });

  it("an app RPC writes its action into the org's chain, as the signed-in caller", async () => {
    const [row] = await asPublicRpc(f.member.actor);
    expect(row).toMatchObject({ status: "closed" });
    expect(await eventsOf("conversations.closed")).toEqual([
      {
        actor_id: f.member.userId,
        action: "conversations.closed",
        reason: "Refunded",
        before: { id: conversationId, subject: "Refund", status: "pending" },
        after: { id: conversationId, subject: "Refund", status: "closed" },
      },
    ]);
    const [chain] = await rpc<{ ok: boolean }>(f.owner.actor, "verify_audit_chain", {
      p_org_id: f.orgId,
    });
    expect(chain).toMatchObject({ ok: true });
  });

  it.each<[string, () => Actor, string, string]>([
    ["a viewer (reads, may not write)", () => f.viewer.actor, "42501", "forbidden"],
    ["a suspended member", () => f.suspended.actor, "PT404", "not_found"],
    ["another org's owner", () => other.owner.actor, "PT404", "not_found"],
  ])("the app RPC refuses %s and writes nothing", async (_label, actor, code, hint) => {
    const before = await eventsOf("conversations.closed");
    const error = await refusal(asPublicRpc(actor()));
    expect(error).toMatchObject({ code, hint });
    expect(await eventsOf("conversations.closed")).toEqual(before);
  });

  it.each([
    ["Roster's own action", "member.removed"],
    ["an action in Roster's namespace", "member.kicked"],
    ["an unregistered area", "tickets.closed"],
    ["a malformed action", "Customers.Merged"],
  ])("refuses %s from an app function with invalid_input", async (_label, action) => {
    await asMigration(async (client) => {
      const error = await refusal(client.query("select roster.audit($1, $2)", [f.orgId, action]));
      expect(error).toMatchObject({ code: "22023", hint: "invalid_input" });
    });
  });

  it("keeps app actions out of Roster's namespace even for a direct insert by postgres", async () => {
    const insert = (client: pg.PoolClient, action: string) =>
      client.query(
        `insert into roster.audit_events (org_id, actor_kind, action, hash) values ($1, 'system', $2, '\\x')`,
        [f.orgId, action],
      );
    await asMigration(async (client) => {
      await client.query("savepoint attempt");
      expect((await refusal(insert(client, "member.kicked"))).code).toBe("23514");
      await client.query("rollback to savepoint attempt");
      expect(await refusal(insert(client, "tickets.closed"))).toMatchObject({
        hint: "invalid_input",
      });
    });
  });

  it("refuses an organization that is missing with not_found", async () => {
    await asMigration(async (client) => {
      const error = await refusal(
        client.query("select roster.audit(gen_random_uuid(), 'customers.merged')"),
      );
      expect(error).toMatchObject({ code: "PT404", hint: "not_found" });
    });
  });
});

// public.close_conversation is an app function in `public`, outside rpc()'s schema.
function asPublicRpc(actor: Actor) {
  return asActor(
    actor,
    async (client) =>
      (
        await client.query("select * from public.close_conversation($1, $2)", [
          conversationId,
          "Refunded",
        ])
      ).rows,
  );
}
