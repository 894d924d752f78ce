// Database access for tests/database, acting exactly as PostgREST does: log in as
// `authenticator`, switch to the request's role, and set the JWT claims and request headers
// as transaction-local settings. Superuser access is only for setup and for tampering.
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
export const superuserPool = new pg.Pool({ connectionString: stackEnv.DB_URL, max: 4 });
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

// The request headers PostgREST passes on (the audit log records them).
export const testRequestHeaders = {
  "user-agent": "roster-tests",
  "x-forwarded-for": "203.0.113.7",
};

function actAs(client: pg.PoolClient, actor: Actor, headers: Record<string, string>) {
  return client.query(
    `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.headers', $3, true)`,
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

// Stages state as superuser (e.g. an invitation made stale), then runs `work` as `actor`, all in
// one transaction that is rolled back: neither the expiry timer nor other tests see the staging.
export async function asActorAfterSetup<T>(
  setup: (client: pg.PoolClient) => Promise<unknown>,
  actor: Actor,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await superuserPool.connect();
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

// A confirmed user, created the way the seed creates them (auth.users insert; triggers fire).
export async function createUser(label = "user", fullName?: string): Promise<TestUser> {
  userCounter += 1;
  const email = `${label}-${userCounter}-${randomUUID().slice(0, 8)}@test.roster.dev`;
  const { rows } = await superuserPool.query<{ id: string }>(
    `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values (gen_random_uuid(), 'authenticated', 'authenticated', $1, now(), '{"provider":"email"}', $2, now(), now()) returning id`,
    [email, { full_name: fullName ?? label }],
  );
  const userId = rows[0]!.id;
  return { userId, email, actor: { role: "authenticated", userId, email } };
}

export async function closePools(): Promise<void> {
  await Promise.all([superuserPool.end(), apiPool.end()]);
}
