// The database as the Supabase platform has it (DESIGN §8): Supabase Auth's users and identities,
// a `postgres` role that is not a superuser and cannot create objects in `auth`, and the API
// roles' timeouts, applied by PostgREST to each request.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrationFiles } from "../../supabase/local/migrate.ts";
import { anonClient, testPassword } from "../support/clients.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { uniqueEmail } from "../support/emails.ts";
import { stackEnv } from "../support/stack.ts";

afterAll(closePools);

describe("auth.users and auth.identities as Supabase Auth writes and reads them", () => {
  it("every user, seeded or signed up through the API, has the columns Supabase Auth reads as strings, and an identity", async () => {
    const email = uniqueEmail("parity");
    const { data, error } = await anonClient().auth.signUp({
      email,
      password: testPassword,
      options: { data: { full_name: "Parity Person" } },
    });
    expect(error).toBeNull();
    // GoTrue answers a sign-up with the user's identities (internal/api/signup.go)
    expect(data.user?.identities).toEqual([
      expect.objectContaining({
        id: data.user!.id,
        user_id: data.user!.id,
        provider: "email",
        identity_data: expect.objectContaining({
          sub: data.user!.id,
          email,
          email_verified: false,
          phone_verified: false,
        }),
      }),
    ]);

    // supabase/auth internal/models/user.go scans these into Go strings and uuid.UUID: a NULL in
    // any of them makes every query for that user fail ("Database error querying schema").
    const { rows: unreadable } = await ownerPool.query<{ email: string }>(
      `select email from auth.users u
       where instance_id is null or confirmation_token is null or recovery_token is null
          or email_change_token_new is null or email_change is null
          or email_change_token_current is null or phone_change is null
          or phone_change_token is null or reauthentication_token is null
          or not exists (select 1 from auth.identities i where i.user_id = u.id)`,
    );
    expect(unreadable).toEqual([]);

    const { rows } = await ownerPool.query<{ email: string; instance_id: string }>(
      `select email, instance_id from auth.users
       where email in ($1, 'amelia@tehrandental.co') order by email`,
      [email],
    );
    expect(rows).toEqual([
      { email: "amelia@tehrandental.co", instance_id: "00000000-0000-0000-0000-000000000000" },
      { email, instance_id: "00000000-0000-0000-0000-000000000000" },
    ]);
  });
});

describe("postgres is the platform's project role, not a superuser", () => {
  const probeVersion = "29991231000000";
  const cleanUp = () =>
    ownerPool.query(
      `drop table if exists roster.parity_probe, auth.parity_probe;
       delete from supabase_migrations.schema_migrations where version = '${probeVersion}'`,
    );
  afterAll(cleanUp);

  it("connects as postgres, which has the platform's attributes but is not a superuser", async () => {
    // supabase/postgres migrations/db/migrations/10000000000000_demote-postgres.sql
    const { rows } = await ownerPool.query(
      `select current_user as user, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolreplication,
              has_schema_privilege('auth', 'create') as creates_in_auth,
              has_table_privilege('auth.users', 'trigger') as triggers_on_users
       from pg_roles where rolname = current_user`,
    );
    expect(rows).toEqual([
      {
        user: "postgres",
        rolsuper: false,
        rolbypassrls: true,
        rolcreatedb: true,
        rolcreaterole: true,
        rolreplication: true,
        creates_in_auth: false,
        triggers_on_users: true,
      },
    ]);
  });

  it("a migration that creates a table in auth fails through the migration runner and changes nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "roster-migrations-"));
    try {
      await writeFile(
        join(dir, `${probeVersion}_parity_probe.sql`),
        "create table roster.parity_probe (id int);\ncreate table auth.parity_probe (id int);\n",
      );
      await expect(applyMigrationFiles(stackEnv.DB_URL, dir)).rejects.toThrow(
        /parity_probe.sql failed: permission denied for schema auth/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const { rows } = await ownerPool.query(
      `select to_regclass('roster.parity_probe') as public_table, to_regclass('auth.parity_probe') as auth_table,
              (select count(*)::int from supabase_migrations.schema_migrations where version = $1) as recorded`,
      [probeVersion],
    );
    expect(rows).toEqual([{ public_table: null, auth_table: null, recorded: 0 }]);
  });
});

describe("API role timeouts", () => {
  it("are set on the roles as on the platform", async () => {
    const { rows } = await ownerPool.query<{ rolname: string; rolconfig: string[] }>(
      `select rolname, rolconfig from pg_roles
       where rolname in ('anon', 'authenticated', 'authenticator') order by rolname`,
    );
    expect(rows).toEqual([
      { rolname: "anon", rolconfig: ["statement_timeout=3s"] },
      { rolname: "authenticated", rolconfig: ["statement_timeout=8s"] },
      { rolname: "authenticator", rolconfig: ["statement_timeout=8s", "lock_timeout=8s"] },
    ]);
  });

  it("PostgREST cancels an anon request after anon's 3 s, well before authenticator's 8 s", async () => {
    // The request waits on a lock the owner holds; anon's statement_timeout ends the wait.
    const holder = await ownerPool.connect();
    try {
      await holder.query("begin");
      await holder.query("lock table public.ai_drafts in access exclusive mode");
      const began = performance.now();
      const response = await fetch(`${stackEnv.API_URL}/rest/v1/ai_drafts?select=id`, {
        headers: { apikey: stackEnv.ANON_KEY, authorization: `Bearer ${stackEnv.ANON_KEY}` },
        // without the role's timeout the request would wait as long as the lock is held
        signal: AbortSignal.timeout(10_000),
      });
      const elapsed = performance.now() - began;
      // PostgREST src/PostgREST/Error.hs: SQLSTATE class 57 (operator intervention) is a 500
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({
        code: "57014",
        message: "canceling statement due to statement timeout",
      });
      expect(elapsed).toBeGreaterThanOrEqual(3_000);
      expect(elapsed).toBeLessThan(6_000);
    } finally {
      await holder.query("rollback");
      holder.release();
    }
  });
});
