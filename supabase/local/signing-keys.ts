// JWT signing keys of one local stack instance. By default user access tokens are signed with
// an asymmetric ES256 key, as on new Supabase projects; ROSTER_JWT=legacy keeps the shared HS256
// secret. The private key lives in the instance's data folder in the format of the Supabase CLI's
// `signing_keys.json` (an array of private JWKs, `supabase gen signing-key`), generated on the
// first start and kept across restarts and resets, so sessions survive a restart. A fresh key per
// data folder (rather than one published constant) means a token from one instance is worthless
// on another, as between two Supabase projects.
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { jwtSecret, type JwtMode, type StackConfig } from "./config.ts";

export interface JwtKeys {
  mode: JwtMode;
  // The legacy HS256 secret: still signs the anon/service_role API keys in both modes.
  secret: string;
  // The private ES256 JWK that signs user tokens (asymmetric mode only).
  signingKey?: JWK;
}

export async function loadJwtKeys(config: StackConfig): Promise<JwtKeys> {
  if (config.jwt === "legacy") return { mode: "legacy", secret: jwtSecret };
  const file = join(config.stateDir, "signing_keys.json");
  const saved = await readFile(file, "utf8").then(
    (text) => (JSON.parse(text) as JWK[])[0],
    () => undefined,
  );
  if (saved) return { mode: "asymmetric", secret: jwtSecret, signingKey: saved };
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const signingKey: JWK = {
    ...(await exportJWK(privateKey)),
    kid: randomUUID(),
    alg: "ES256",
    use: "sig",
    key_ops: ["sign", "verify"],
  };
  await writeFile(file, JSON.stringify([signingKey], null, 2), { mode: 0o600 });
  return { mode: "asymmetric", secret: jwtSecret, signingKey };
}

// What Auth publishes at /.well-known/jwks.json: public keys only, each marked for verification.
// Symmetric keys are never listed (GoTrue internal/api/jwks.go, internal/conf/jwk.go).
export function publicJwks(keys: JwtKeys): { keys: JWK[] } {
  if (!keys.signingKey) return { keys: [] };
  const { kty, crv, x, y, kid, alg } = keys.signingKey;
  return { keys: [{ kty, crv, x, y, kid, alg, use: "sig", key_ops: ["verify"] }] };
}

// The JWKS PostgREST verifies with: the public key(s) plus the legacy secret as an `oct` key, so
// the anon/service_role JWTs stay valid beside ES256 user tokens (Supabase CLI
// pkg/config/config.go ResolveJWKS, passed as PGRST_JWT_SECRET in internal/start/start.go).
export function verificationJwks(keys: JwtKeys): string {
  const secret: JWK = { kty: "oct", k: Buffer.from(keys.secret).toString("base64url") };
  return JSON.stringify({ keys: [...publicJwks(keys).keys, secret] });
}
