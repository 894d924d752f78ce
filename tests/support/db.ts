// Database access for tests/database, acting exactly as PostgREST does: log in as
// `authenticator`, switch to the request's role, and set the JWT claims and request headers
// as transaction-local settings. Setup and tampering use the project's own role `postgres` (the
// one migrations run as: owner of the project's objects, BYPASSRLS, not a superuser, as on Supabase).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { stackConfig } from "../../supabase/local/config.ts";
import { stackEnv } from "./stack.ts";

export type Actor =
  | { role: "anon" }
  | { role: "service_role" }
  | { role: "authenticated"; userId: string; email: string };

export interface TestUser {
  userId: string;
  email: string;
  actor: Actor & { role: "authenticated" };
}

function urlAs(user: string, password: string): string {
  const url = new URL(stackEnv.DB_URL);
  url.username = user;
  url.password = password;
  return url.toString();
}

// Pools are per test file (each file runs in its own worker).
export const ownerPool = new pg.Pool({ connectionString: stackEnv.DB_URL, max: 4 });

// The platform superuser, for what even the project's owner may not do. Hosted Supabase gives no
// such connection: tests that need one skip there, with this reason.
export const superuserDbUrl: string | undefined = stackEnv.SUPERUSER_DB_URL;
export const noSuperuserReason =
  "needs the platform superuser (SUPERUSER_DB_URL), which hosted Supabase does not hand out";
export const apiPool = new pg.Pool({
  connectionString: urlAs("authenticator", stackConfig().authenticatorPassword),
  max: 12,
});

export function claimsOf(actor: Actor): Record<string, unknown> {
  if (actor.role !== "authenticated") return { role: actor.role };
  return {
    sub: actor.userId,
    role: "authenticated",
    email: actor.email,
    aud: "authenticated",
    session_id: randomUUID(),
  };
}

// The request headers PostgREST passes on (the audit log records them; the address is the one
// the edge sets, docs/database.md "Client address").
export const testRequestHeaders = {
  "user-agent": "roster-tests",
  "cf-connecting-ip": "203.0.113.7",
};

// PostgREST also applies the role's own settings (statement_timeout …) to the transaction, as
// set_config(…, true) (PostgREST src/PostgREST/Config/Database.hs, queryRoleSettings).
function actAs(client: pg.PoolClient, actor: Actor, headers: Record<string, string>) {
  return client.query(
    `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.headers', $3, true),
       (select count(set_config(split_part(setting, '=', 1), substr(setting, strpos(setting, '=') + 1), true))
        from pg_catalog.pg_roles r, unnest(r.rolconfig) setting where r.rolname = $1)`,
    [actor.role, JSON.stringify(claimsOf(actor)), JSON.stringify(headers)],
  );
}

// Runs `work` in one transaction as `actor`, committing on success and rolling back on error.
export async function asActor<T>(
  actor: Actor,
  work: (client: pg.PoolClient) => Promise<T>,
  headers: Record<string, string> = testRequestHeaders,
): Promise<T> {
  const client = await apiPool.connect();
  try {
    await client.query("begin");
    await actAs(client, actor, headers);
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// Stages state as the owner (e.g. an invitation made stale), then runs `work` as `actor`, all in
// one transaction that is rolled back: neither the expiry timer nor other tests see the staging.
export async function asActorAfterSetup<T>(
  setup: (client: pg.PoolClient) => Promise<unknown>,
  actor: Actor,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await ownerPool.connect();
  try {
    await client.query("begin");
    await setup(client);
    await actAs(client, actor, testRequestHeaders);
    return await work(client);
  } finally {
    await client.query("rollback").catch(() => undefined);
    client.release();
  }
}

// Commits `statements` with the audit log's append-only trigger off, as the project's owner
// could: the tampering verify_audit_chain must catch. The trigger is back on afterwards.
export async function tamperAuditLog(statements: Array<[string, unknown[]]>): Promise<void> {
  const client = await ownerPool.connect();
  try {
    await client.query("begin");
    await client.query("alter table roster.audit_events disable trigger audit_events_no_update");
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query("alter table roster.audit_events enable trigger audit_events_no_update");
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

// Calls a public RPC with named arguments, as PostgREST's POST /rpc/<name> does.
export function rpc<T = Record<string, unknown>>(
  actor: Actor,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T[]> {
  const names = Object.keys(args);
  const params = names.map((key, i) => `${key} => $${i + 1}`).join(", ");
  return asActor(
    actor,
    async (client) =>
      (await client.query(`select * from public.${name}(${params})`, Object.values(args)))
        .rows as T[],
  );
}

// docs/database.md §2: every hint key and the SQLSTATE it is raised with.
export const sqlstateOfHint: Record<string, string> = {
  forbidden: "42501",
  role_too_high: "42501",
  invitation_email_mismatch: "42501",
  not_found: "PT404",
  invalid_token: "PT404",
  already_member: "23505",
  invitation_pending: "23505",
  transfer_pending: "23505",
  slug_taken: "23505",
  invalid_input: "22023",
  reason_required: "22023",
  last_owner: "P0001",
  cannot_act_on_self: "P0001",
  owner_via_transfer_only: "P0001",
  invitation_expired: "P0001",
  invitation_revoked: "P0001",
  invitation_used: "P0001",
  invitation_declined: "P0001",
  confirmation_mismatch: "P0001",
  transfer_expired: "P0001",
  transfer_closed: "P0001",
};

export interface PgError {
  code: string;
  hint?: string;
  message: string;
}

// Resolves to the database error a call raised; fails the test if it succeeded.
export async function refusal(promise: Promise<unknown>): Promise<PgError> {
  try {
    await promise;
  } catch (error) {
    return error as PgError;
  }
  throw new Error("expected the database to refuse, but the call succeeded");
}

let userCounter = 0;

// Users written the way Supabase Auth writes them (see supabase/seed.sql): `source` is a query
// yielding (id uuid, email text, full_name text, confirmed_at timestamptz); answers their ids.
export function insertAuthUsersSql(source: string): string {
  return `with source (id, email, full_name, confirmed_at) as (${source}),
    new_user as (
      insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, confirmation_token,
        recovery_token, email_change_token_new, email_change, raw_app_meta_data, raw_user_meta_data,
        created_at, updated_at)
      select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email,
             confirmed_at, '', '', '', '', '{"provider":"email","providers":["email"]}',
             jsonb_build_object('full_name', full_name), now(), now()
      from source
      returning id, email
    )
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    select id::text, id, jsonb_build_object('sub', id::text, 'email', email, 'email_verified', false, 'phone_verified', false),
           'email', now(), now(), now()
    from new_user
    returning user_id as id`;
}

// A confirmed user, created the way the seed creates them (auth.users insert; triggers fire).
export async function createUser(label = "user", fullName?: string): Promise<TestUser> {
  userCounter += 1;
  const email = `${label}-${userCounter}-${randomUUID().slice(0, 8)}@test.roster.dev`;
  const { rows } = await ownerPool.query<{ id: string }>(
    insertAuthUsersSql("select gen_random_uuid(), $1::text, $2::text, now()"),
    [email, fullName ?? label],
  );
  const userId = rows[0]!.id;
  return { userId, email, actor: { role: "authenticated", userId, email } };
}

export async function closePools(): Promise<void> {
  await Promise.all([ownerPool.end(), apiPool.end()]);
}
