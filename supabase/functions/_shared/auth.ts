// Who is calling. Every function runs with `verify_jwt = false` (Supabase documents verify_jwt
// as incompatible with JWT signing keys and the sb_ API keys, guides/functions/auth) and checks
// the caller here instead:
//   - an API key: the project's secret key or legacy service_role key is the service role, its
//     publishable key or legacy anon key is anonymous;
//   - a user's JWT, verified against the project's JWKS (ES256 signing keys), or for a legacy
//     HS256 token by Supabase Auth itself, which holds the secret, as supabase-js
//     auth.getClaims does.
// Nothing reaches a function's own code with a forged, expired or unsigned token.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import { HttpError, bearerToken, requireEnv } from "./http.ts";

export interface Caller {
  role: string;
  // The verified user JWT, present when the caller is a signed-in user.
  token?: string;
  userId?: string;
  // The verified token's claims, for a function that acts as the user on its own database
  // connection (as PostgREST does: role authenticated, request.jwt.claims).
  claims?: Record<string, unknown>;
}

const unauthorized = (message: string) => new HttpError(401, "unauthorized", message);

// SUPABASE_PUBLISHABLE_KEYS / SUPABASE_SECRET_KEYS hold named keys as JSON ({"default": "sb_…"}).
function namedKeys(name: string): string[] {
  const raw = Deno.env.get(name);
  return raw ? Object.values(JSON.parse(raw) as Record<string, string>) : [];
}

export function publishableKey(): string {
  return namedKeys("SUPABASE_PUBLISHABLE_KEYS")[0] ?? requireEnv("SUPABASE_ANON_KEY");
}

export function secretKey(): string {
  return namedKeys("SUPABASE_SECRET_KEYS")[0] ?? requireEnv("SUPABASE_SERVICE_ROLE_KEY");
}

let apiKeyRoles: Map<string, string> | undefined;
function roleOfApiKey(key: string): string | undefined {
  if (!apiKeyRoles) {
    apiKeyRoles = new Map();
    for (const [name, role] of [
      ["SUPABASE_ANON_KEY", "anon"],
      ["SUPABASE_SERVICE_ROLE_KEY", "service_role"],
    ]) {
      const key = Deno.env.get(name!);
      if (key) apiKeyRoles.set(key, role!);
    }
    for (const key of namedKeys("SUPABASE_PUBLISHABLE_KEYS")) apiKeyRoles.set(key, "anon");
    for (const key of namedKeys("SUPABASE_SECRET_KEYS")) apiKeyRoles.set(key, "service_role");
  }
  return apiKeyRoles.get(key);
}

// The platform hands functions the JWKS; without it, fetch it from Auth (cached by jose).
let keySet: JWTVerifyGetKey | undefined;
function jwks(): JWTVerifyGetKey {
  const inline = Deno.env.get("SUPABASE_JWKS");
  keySet ??= inline
    ? createLocalJWKSet(JSON.parse(inline))
    : createRemoteJWKSet(new URL("/auth/v1/.well-known/jwks.json", requireEnv("SUPABASE_URL")));
  return keySet;
}

async function verifiedClaims(token: string): Promise<Record<string, unknown> | undefined> {
  // A JWKS never holds the HS256 secret: a legacy token goes to Auth to be checked.
  if (algOf(token) === "HS256") return await claimsCheckedByAuth(token);
  try {
    const { payload } = await jwtVerify(token, jwks(), { algorithms: ["ES256", "RS256"] });
    return payload;
  } catch {
    return undefined;
  }
}

function algOf(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

async function claimsCheckedByAuth(token: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(new URL("/auth/v1/user", requireEnv("SUPABASE_URL")), {
    headers: { apikey: publishableKey(), authorization: `Bearer ${token}` },
  });
  await response.body?.cancel();
  return response.ok ? decodeJwt(token) : undefined;
}

// The caller's role, from the token in Authorization or else the apikey header. Answers 401 with
// hint `unauthorized` when there is neither or the token does not verify.
export async function authenticate(request: Request): Promise<Caller> {
  const credential = bearerToken(request) ?? request.headers.get("apikey") ?? undefined;
  if (!credential) throw unauthorized("Sign in, or send the project's API key.");
  const keyRole = roleOfApiKey(credential);
  if (keyRole) return { role: keyRole };
  const claims = await verifiedClaims(credential);
  if (typeof claims?.role !== "string")
    throw unauthorized("The access token is invalid or has expired. Sign in again.");
  return claims.role === "authenticated" && typeof claims.sub === "string"
    ? { role: claims.role, token: credential, userId: claims.sub, claims }
    : { role: claims.role };
}
