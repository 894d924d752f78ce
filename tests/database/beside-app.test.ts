// Issue 13, item 1: Roster's core migrations apply, unedited, to a Supabase project that already
// runs an app with public.profiles (and its own handle_new_user trigger on auth.users),
// organizations, teams, members and invitations, and both keep working. A fresh database in the
// stack's cluster stands for that project (tests/support/existing-app.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asActorOn,
  closePools,
  insertAuthUsersSql,
  noSuperuserReason,
  refusal,
  superuserDbUrl,
  type TestUser,
} from "../support/db.ts";
import {
  applyCoreMigrations,
  coreMigrationFiles,
  createAppDatabase,
  type AppDatabase,
} from "../support/existing-app.ts";

let app: AppDatabase;
let appBefore: Record<string, unknown[]>;
let applied: string[] = [];

// Everything of the app's that Roster must leave as it was: its objects in public, their grants
// and policies, the default privileges new objects get, and the triggers on auth.users.
async function appState(): Promise<Record<string, unknown[]>> {
  const query = async (sql: string) => (await app.ownerPool.query(sql)).rows;
  return {
    relations: await query(
      `select relname, relkind::text from pg_class where relnamespace = 'public'::regnamespace order by 1`,
    ),
    functions: await query(
      `select p.oid::regprocedure::text as signature, p.proacl::text from pg_proc p
       where p.pronamespace = 'public'::regnamespace order by 1`,
    ),
    grants: await query(
      `select table_name, grantee, privilege_type from information_schema.role_table_grants
       where table_schema = 'public' order by 1, 2, 3`,
    ),
    policies: await query(
      `select tablename, policyname, roles::text, cmd, qual, with_check from pg_policies
       where schemaname = 'public' order by 1, 2`,
    ),
    defaultPrivileges: await query(
      `select defaclrole::regrole::text, defaclnamespace::regnamespace::text, defaclobjtype::text, defaclacl::text
       from pg_default_acl order by 1, 2, 3`,
    ),
    authTriggers: await query(
      `select tgname from pg_trigger where tgrelid = 'auth.users'::regclass and not tgisinternal
         and tgname not like 'roster\\_%' order by 1`,
    ),
  };
}

async function signUp(label: string, fullName: string): Promise<TestUser> {
  const email = `${label}-${Date.now()}@beside.roster.dev`;
  const { rows } = await app.ownerPool.query<{ id: string }>(
    insertAuthUsersSql("select gen_random_uuid(), $1::text, $2::text, now()"),
    [email, fullName],
  );
  const userId = rows[0]!.id;
  return { userId, email, actor: { role: "authenticated", userId, email } };
}

beforeAll(async () => {
  if (!superuserDbUrl) return console.log(`beside-app skipped: ${noSuperuserReason}`);
  app = await createAppDatabase("beside_app");
  appBefore = await appState();
  applied = await applyCoreMigrations(app.ownerUrl);
}, 120_000);

afterAll(async () => {
  await app?.drop();
  await closePools();
});

describe.skipIf(!superuserDbUrl)("Roster installed beside an existing app", () => {
  it("applies every core migration, unedited", async () => {
    expect(applied).toEqual(await coreMigrationFiles());
    expect(applied.some((file) => file.endsWith("_example_app_tables.sql"))).toBe(false);
  });

  it("leaves the app's objects, grants, policies, default privileges and auth triggers as they were", async () => {
    expect(await appState()).toEqual(appBefore);
  });

  it("keeps to its own schemas, with its auth.users triggers named roster_*", async () => {
    const { rows } = await app.ownerPool.query<{ schema: string }>(
      `select distinct n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relname in ('organizations', 'memberships', 'profiles', 'invitations', 'audit_events') order by 1`,
    );
    expect(rows.map((row) => row.schema)).toEqual(["public", "roster"]);
    const { rows: triggers } = await app.ownerPool.query<{ tgname: string }>(
      `select tgname from pg_trigger where tgrelid = 'auth.users'::regclass and not tgisinternal order by 1`,
    );
    const names = triggers.map((row) => row.tgname);
    expect(names.filter((name) => !name.startsWith("roster_"))).toEqual(["on_auth_user_created"]);
    expect(names.filter((name) => name.startsWith("roster_")).length).toBeGreaterThan(0);
  });

  it("a new auth user gets the app's profile and Roster's personal organization", async () => {
    const user = await signUp("newcomer", "Nia Newcomer");
    const { rows: appProfile } = await app.ownerPool.query(
      "select full_name from public.profiles where id = $1",
      [user.userId],
    );
    expect(appProfile).toEqual([{ full_name: "Nia Newcomer" }]);
    const memberships = await asActorOn(app.apiPool, user.actor, async (client) => {
      const { rows } = await client.query(
        "select role::text, is_personal from roster.my_memberships",
      );
      return rows;
    });
    expect(memberships).toEqual([{ role: "owner", is_personal: true }]);
  });

  it("the app's own tables, grants and policies still answer as before", async () => {
    const alice = await signUp("alice", "Alice App");
    const bob = await signUp("bob", "Bob App");
    const { rows } = await app.ownerPool.query<{ id: string }>(
      `with o as (insert into public.organizations (name, slug) values ('Alice Co', 'alice-co') returning id)
       insert into public.members (org_id, user_id, role) select o.id, $1, 'admin' from o returning org_id as id`,
      [alice.userId],
    );
    const appOrgId = rows[0]!.id;
    const orgsSeenBy = (user: TestUser) =>
      asActorOn(app.apiPool, user.actor, async (client) =>
        (await client.query("select id from public.organizations")).rows.map((row) => row.id),
      );
    expect(await orgsSeenBy(alice)).toEqual([appOrgId]);
    expect(await orgsSeenBy(bob)).toEqual([]);
    // the starter's profile policies: update your own, not anyone else's
    const renamed = (user: TestUser, target: TestUser) =>
      asActorOn(
        app.apiPool,
        user.actor,
        async (client) =>
          (
            await client.query("update public.profiles set username = 'alice_a' where id = $1", [
              target.userId,
            ])
          ).rowCount,
      );
    expect(await renamed(bob, alice)).toBe(0);
    expect(await renamed(alice, alice)).toBe(1);
    // Supabase's default grants on public reach the app's tables as before
    await asActorOn(app.apiPool, alice.actor, (client) =>
      client.query("insert into public.teams (org_id, name) values ($1, 'Support')", [appOrgId]),
    );
    expect(
      await refusal(
        asActorOn(app.apiPool, bob.actor, (client) =>
          client.query("insert into public.teams (org_id, name) values ($1, 'Intruders')", [
            appOrgId,
          ]),
        ),
      ),
    ).toMatchObject({ code: "42501" });
  });

  it("Roster's rules hold in the same database: its organizations, isolation and audit chain", async () => {
    const carol = await signUp("carol", "Carol Roster");
    const dave = await signUp("dave", "Dave Roster");
    const org = await asActorOn(app.apiPool, carol.actor, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        "select id from roster.create_organization(p_name => 'Carol Clinic')",
      );
      return rows[0]!.id;
    });
    const rosterOrgsSeenBy = (user: TestUser) =>
      asActorOn(app.apiPool, user.actor, async (client) =>
        (await client.query("select name from roster.organizations order by name")).rows.map(
          (row) => row.name,
        ),
      );
    expect(await rosterOrgsSeenBy(carol)).toContain("Carol Clinic");
    expect(await rosterOrgsSeenBy(dave)).not.toContain("Carol Clinic");
    const refused = await refusal(
      asActorOn(app.apiPool, dave.actor, (client) =>
        client.query("select roster.update_organization(p_org_id => $1, p_name => 'Taken')", [org]),
      ),
    );
    expect(refused).toMatchObject({ code: "PT404", hint: "not_found" });
    const verdict = await asActorOn(app.apiPool, carol.actor, async (client) => {
      const { rows } = await client.query(
        "select ok from roster.verify_audit_chain(p_org_id => $1)",
        [org],
      );
      return rows[0];
    });
    expect(verdict).toEqual({ ok: true });
  });
});
