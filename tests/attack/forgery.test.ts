// Forged credentials (issue 10, the suite's forgery part): tokens an attacker can make without
// the project's keys, presented to each service through the gateway. Every one is refused, and
// none reads a row or a user. alg=none, a wrong secret, the public ES256 key used as an HS256
// secret, a real token with its role rewritten, a token of another project (its own key, its
// own audience), and an expired token signed with the real legacy secret.
import { createHmac, generateKeyPairSync } from "node:crypto";
import { SignJWT, decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { signUp, type Person } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";

const b64url = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

// A JWT signed with HS256 under any secret, whatever its header claims.
function hs256(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string) {
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

const now = () => Math.floor(Date.now() / 1000);
const claims = (role: string, sub: string) => ({
  aud: "authenticated",
  role,
  sub,
  iat: now(),
  exp: now() + 3600,
});

let victim: Person;
const forgeries: Array<[string, () => Promise<string> | string]> = [];

beforeAll(async () => {
  victim = await signUp("forged");
  const jwks = (await fetch(`${stackEnv.API_URL}/auth/v1/.well-known/jwks.json`).then((r) =>
    r.json(),
  )) as { keys: Array<Record<string, unknown>> };
  const publicKey = jwks.keys.find((key) => key.kty === "EC") ?? jwks.keys[0]!;
  const realPayload = decodeJwt(victim.accessToken);
  const [realHeader, , realSignature] = victim.accessToken.split(".");

  forgeries.push(
    [
      "alg=none",
      () =>
        `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims("service_role", victim.userId))}.`,
    ],
    [
      "a wrong HS256 secret",
      () =>
        hs256(
          { alg: "HS256", typ: "JWT" },
          claims("service_role", victim.userId),
          "not-the-project-secret-at-all-not-at-all",
        ),
    ],
    [
      "the public ES256 key as an HS256 secret",
      () =>
        hs256(
          { alg: "HS256", typ: "JWT", kid: publicKey.kid },
          claims("service_role", victim.userId),
          JSON.stringify(publicKey),
        ),
    ],
    [
      "a real token with its role rewritten",
      () => `${realHeader}.${b64url({ ...realPayload, role: "service_role" })}.${realSignature}`,
    ],
    [
      "another project's token (its own key and audience)",
      () => {
        const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
        return new SignJWT({ ...claims("authenticated", victim.userId), aud: "other-project" })
          .setProtectedHeader({ alg: "ES256", typ: "JWT", kid: String(publicKey.kid) })
          .sign(privateKey);
      },
    ],
  );
  if (stackEnv.JWT_SECRET)
    forgeries.push([
      "an expired token signed with the real legacy secret",
      () =>
        hs256(
          { alg: "HS256", typ: "JWT" },
          { ...claims("authenticated", victim.userId), exp: now() - 60 },
          stackEnv.JWT_SECRET,
        ),
    ]);
});

const asBearer = (token: string) => ({
  apikey: stackEnv.ANON_KEY,
  authorization: `Bearer ${token}`,
  "accept-profile": "roster",
  "content-profile": "roster",
});

describe("forged tokens", () => {
  it("PostgREST refuses every one and reads nothing", async () => {
    expect(forgeries.length).toBeGreaterThanOrEqual(5);
    for (const [what, forge] of forgeries) {
      const token = await forge();
      const rows = await fetch(`${stackEnv.API_URL}/rest/v1/organizations?select=id`, {
        headers: asBearer(token),
      });
      expect(rows.status, what).toBe(401);
      const rpc = await fetch(`${stackEnv.API_URL}/rest/v1/rpc/create_organization`, {
        method: "POST",
        headers: { ...asBearer(token), "content-type": "application/json" },
        body: JSON.stringify({ p_name: "Forged org" }),
      });
      expect(rpc.status, what).toBe(401);
      // As the API key itself, it does not even pass the gateway.
      const asKey = await fetch(`${stackEnv.API_URL}/rest/v1/organizations?select=id`, {
        headers: { apikey: token },
      });
      expect(asKey.status, what).toBe(401);
    }
  });

  it("the functions refuse every one", async () => {
    for (const [what, forge] of forgeries) {
      const token = await forge();
      for (const name of ["whoami", "invitations", "support-recovery"]) {
        const response = await fetch(`${stackEnv.API_URL}/functions/v1/${name}`, {
          method: "POST",
          headers: { ...asBearer(token), "content-type": "application/json" },
          body: JSON.stringify({
            action: "create",
            org: "x",
            email: "x",
            ticket: "x",
            operator: "x",
          }),
        });
        expect(response.status, `${name}: ${what}`).toBe(401);
        expect(await response.json()).toMatchObject({ hint: "unauthorized" });
      }
    }
  });

  it("auth refuses every one, for the user and for the admin API", async () => {
    for (const [what, forge] of forgeries) {
      const token = await forge();
      const user = await fetch(`${stackEnv.API_URL}/auth/v1/user`, { headers: asBearer(token) });
      expect([401, 403], `user: ${what}`).toContain(user.status);
      expect(JSON.stringify(await user.json()), what).not.toContain(victim.email);
      const admin = await fetch(`${stackEnv.API_URL}/auth/v1/admin/users`, {
        headers: asBearer(token),
      });
      expect([401, 403], `admin: ${what}`).toContain(admin.status);
      expect(JSON.stringify(await admin.json()), what).not.toContain(victim.email);
    }
  });

  it("the victim's own token still works (the refusals are the forgeries')", async () => {
    const response = await fetch(`${stackEnv.API_URL}/auth/v1/user`, {
      headers: asBearer(victim.accessToken),
    });
    expect(response.status).toBe(200);
  });
});
