// Settings of one local stack instance. The dev stack and the test stack are two instances
// with their own ports and data folders, so `npm test` never touches a developer's data.
import { resolve } from "node:path";
import { SignJWT } from "jose";

export const projectRoot = resolve(import.meta.dirname, "../..");

// Supabase's well-known local JWT secret: only ever used on this machine.
export const jwtSecret = "super-secret-jwt-token-with-at-least-32-characters-long";

// How user access tokens are signed: an ES256 key published as JWKS (new Supabase projects, the
// default) or the shared HS256 secret (ROSTER_JWT=legacy).
export type JwtMode = "asymmetric" | "legacy";

export function jwtMode(value = process.env.ROSTER_JWT): JwtMode {
  if (!value || value === "asymmetric") return "asymmetric";
  if (value === "legacy") return "legacy";
  throw new Error(`ROSTER_JWT must be "asymmetric" (the default) or "legacy", not "${value}".`);
}

export interface StackConfig {
  name: string;
  jwt: JwtMode;
  stateDir: string;
  ports: {
    api: number;
    db: number;
    inbox: number;
    smtp: number;
    rest: number;
    restAdmin: number;
    auth: number;
    functions: number;
    spa: number;
  };
  dbPassword: string;
  authenticatorPassword: string;
  siteUrl: string;
}

// Ports follow `supabase start` (API 54321, DB 54322, inbox 54324, SMTP 54325); the internal
// services sit just above. ROSTER_PORT_BASE moves the whole block. This is the one list of the
// ports the stack opens: each is checked free before anything starts (stack.ts).
export function stackConfig(
  name = process.env.ROSTER_STACK ?? "dev",
  env: NodeJS.ProcessEnv = process.env,
): StackConfig {
  const base = Number(env.ROSTER_PORT_BASE ?? (name === "test" ? 55321 : 54321));
  const spa = Number(env.ROSTER_SPA_PORT ?? (name === "test" ? 5174 : 5173));
  return {
    name,
    jwt: jwtMode(env.ROSTER_JWT),
    stateDir: resolve(projectRoot, ".roster", name),
    ports: {
      api: base,
      db: base + 1,
      inbox: base + 3,
      smtp: base + 4,
      rest: base + 10,
      // PostgREST's admin server (health and readiness).
      restAdmin: base + 110,
      auth: base + 11,
      functions: base + 12,
      spa,
    },
    dbPassword: "postgres",
    authenticatorPassword: "authenticator-local-password",
    siteUrl: `http://127.0.0.1:${spa}`,
  };
}

export interface StackKeys {
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
}

// The opaque API keys of `supabase start` (Supabase CLI pkg/config/apikeys.go), so a test or
// script written against one works against the other. The gateway swaps them for the anon and
// service_role JWTs below.
const publishableKey = "sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH";
const secretKey = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz";

// The legacy anon and service-role API keys are long-lived JWTs signed with the secret, like
// Supabase's, in both JWT modes. A fixed iat/exp makes them identical on every start.
export async function stackKeys(): Promise<StackKeys> {
  const secret = new TextEncoder().encode(jwtSecret);
  const sign = (role: string) =>
    new SignJWT({ iss: "supabase-demo", role })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt(1641769200)
      .setExpirationTime(1983812996)
      .sign(secret);
  return {
    anonKey: await sign("anon"),
    serviceRoleKey: await sign("service_role"),
    publishableKey,
    secretKey,
  };
}

export function dbUrl(
  config: StackConfig,
  user = "postgres",
  password = config.dbPassword,
): string {
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${config.ports.db}/postgres`;
}

// The platform superuser, as on Supabase: it owns the platform's objects; the project's migrations,
// seed and tools use `postgres`, which is not a superuser.
export function superuserDbUrl(config: StackConfig): string {
  return dbUrl(config, "supabase_admin");
}
