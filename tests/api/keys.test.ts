// JWT signing keys and API keys, in the JWT mode the stack under test runs (ROSTER_JWT): user
// tokens ES256 with a kid from the published JWKS by default, HS256 with the shared secret in
// legacy mode; PostgREST and the functions refuse every forgery; publishable and secret keys
// work like the anon and service_role keys they stand for, and no further.
import { createPublicKey, type JsonWebKey } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  SignJWT,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JWK,
} from "jose";
import { apiClient, testPassword } from "../support/clients.ts";
import { uniqueEmail } from "../support/emails.ts";
import { stackEnv } from "../support/stack.ts";
import { createOrganization, signUp, type Person } from "../support/people.ts";
import { profileHeaders } from "../support/rest-profile.ts";

const legacy = process.env.ROSTER_JWT === "legacy";
const publishable = () => apiClient(stackEnv.PUBLISHABLE_KEY);
const secret = () => apiClient(stackEnv.SECRET_KEY);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function fetchJwks(): Promise<{ status: number; keys: JWK[] }> {
  // No API key: jose's createRemoteJWKSet and other verifiers fetch it bare.
  const response = await fetch(`${stackEnv.API_URL}/auth/v1/.well-known/jwks.json`);
  return { status: response.status, keys: ((await response.json()) as { keys: JWK[] }).keys };
}

// Tokens carrying a real user's claims, each signed in a way the platform must refuse.
async function forgeries(token: string, jwks: JWK[]): Promise<Record<string, string>> {
  const claims = decodeJwt(token);
  const sign = (header: { alg: string; kid?: string }, key: Uint8Array | CryptoKey) =>
    new SignJWT(claims).setProtectedHeader({ ...header, typ: "JWT" }).sign(key);
  const { privateKey: otherKey } = await generateKeyPair("ES256");
  const forged: Record<string, string> = {
    "HS256 with a wrong secret": await sign(
      { alg: "HS256" },
      new TextEncoder().encode("not-the-project-secret-but-long-enough-to-pass"),
    ),
    "alg none": `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`,
    "ES256 from another key": await sign({ alg: "ES256", kid: jwks[0]?.kid ?? "other" }, otherKey),
  };
  if (jwks[0]) {
    // The classic confusion: HS256 keyed with the published public key's bytes.
    const pem = createPublicKey({ key: jwks[0] as JsonWebKey, format: "jwk" })
      .export({ type: "spki", format: "pem" })
      .toString();
    forged["HS256 keyed with the public key"] = await sign(
      { alg: "HS256", kid: jwks[0].kid },
      new TextEncoder().encode(pem),
    );
  }
  return forged;
}

describe(`JWT signing keys (${legacy ? "legacy HS256" : "ES256"} mode)`, () => {
  let person: Person;
  let jwks: JWK[];

  beforeAll(async () => {
    person = await signUp("keys");
    ({ keys: jwks } = await fetchJwks());
  });

  it("publishes public keys only, and signs user tokens with the published key", async () => {
    const published = await fetchJwks();
    expect(published.status).toBe(200);
    const header = decodeProtectedHeader(person.accessToken);
    if (legacy) {
      expect(published.keys).toEqual([]);
      expect(header).toMatchObject({ alg: "HS256" });
      expect(header.kid).toBeUndefined();
      return;
    }
    expect(published.keys).toHaveLength(1);
    const [key] = published.keys;
    expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(key!.kid).toEqual(expect.any(String));
    expect(key).not.toHaveProperty("d");
    expect(published.keys.some((k) => k.kty === "oct" || "k" in k)).toBe(false);
    expect(header).toEqual({ alg: "ES256", kid: key!.kid, typ: "JWT" });
    const { payload } = await jwtVerify(person.accessToken, createLocalJWKSet({ keys: jwks }));
    expect(payload).toMatchObject({ sub: person.userId, role: "authenticated" });
  });

  it("PostgREST accepts the real token and refuses every forgery", async () => {
    const rest = (token: string) =>
      fetch(`${stackEnv.API_URL}/rest/v1/profiles?select=user_id`, {
        headers: {
          apikey: stackEnv.PUBLISHABLE_KEY,
          authorization: `Bearer ${token}`,
          ...profileHeaders("GET", "/rest/v1/profiles"),
        },
      });
    const real = await rest(person.accessToken);
    expect(real.status).toBe(200);
    expect(await real.json()).toEqual([{ user_id: person.userId }]);

    const forged = await forgeries(person.accessToken, jwks);
    expect(Object.keys(forged).length).toBe(legacy ? 3 : 4);
    for (const [what, token] of Object.entries(forged)) {
      const response = await rest(token);
      expect(response.status, what).toBe(401);
      await response.body?.cancel();
    }
  });

  // PostgREST caches verified tokens (as the platform's does); a cached token must still stop
  // working at its `exp` (plus PostgREST's 30 s clock skew), never at the cache's lifetime.
  it("PostgREST refuses a token it accepted once its expiry passes", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...decodeJwt(person.accessToken), exp: now - 27 })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(stackEnv.JWT_SECRET));
    const rest = () =>
      fetch(`${stackEnv.API_URL}/rest/v1/profiles?select=user_id`, {
        headers: {
          apikey: stackEnv.PUBLISHABLE_KEY,
          authorization: `Bearer ${token}`,
          ...profileHeaders("GET", "/rest/v1/profiles"),
        },
      });
    const accepted = await rest();
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual([{ user_id: person.userId }]);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const refused = await rest();
    expect(refused.status).toBe(401);
    await refused.body?.cancel();
  });

  it("functions verify the caller themselves and refuse every forgery with 401", async () => {
    const call = (name: string, token: string) => {
      const headers = { apikey: stackEnv.PUBLISHABLE_KEY, authorization: `Bearer ${token}` };
      const url = `${stackEnv.API_URL}/functions/v1/${name}`;
      if (name === "audit-export")
        return fetch(`${url}?org_id=${crypto.randomUUID()}&format=jsonl`, { headers });
      return fetch(url, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ action: "resend", invitation_id: crypto.randomUUID() }),
      });
    };
    const whoami = await call("whoami", person.accessToken);
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toEqual({ user_id: person.userId, email: person.email });

    for (const [what, token] of Object.entries(await forgeries(person.accessToken, jwks))) {
      for (const name of ["whoami", "invitations", "audit-export", "support-recovery"]) {
        const response = await call(name, token);
        expect(response.status, `${name}: ${what}`).toBe(401);
        expect(await response.json(), `${name}: ${what}`).toMatchObject({ hint: "unauthorized" });
      }
    }
  });
});

describe("publishable and secret API keys", () => {
  it("the publishable key is anon on REST and signs users in; the secret key is service_role", async () => {
    // anon holds no grant on profiles at all.
    const anonRows = await publishable().from("profiles").select("user_id");
    expect(anonRows.status).toBe(401);
    expect(anonRows.error?.code).toBe("42501");

    const email = uniqueEmail("publishable");
    const user = publishable();
    const signUp = await user.auth.signUp({ email, password: testPassword });
    expect(signUp.error).toBeNull();
    const own = await user.from("profiles").select("user_id");
    expect(own.data).toEqual([{ user_id: signUp.data.user!.id }]);

    const everyone = await secret()
      .from("profiles")
      .select("user_id")
      .eq("user_id", signUp.data.user!.id);
    expect(everyone.error).toBeNull();
    expect(everyone.data).toEqual([{ user_id: signUp.data.user!.id }]);

    // expire_stale() is granted to service_role only.
    expect((await secret().rpc("expire_stale")).error).toBeNull();
    const refused = await publishable().rpc("expire_stale");
    expect(refused.status).toBe(401);
    expect(refused.error?.code).toBe("42501");
  });

  it("the secret key reaches Auth's admin API; the publishable key does not", async () => {
    const listed = await secret().auth.admin.listUsers({ page: 1, perPage: 1 });
    expect(listed.error).toBeNull();
    expect(listed.data.users).toHaveLength(1);

    const refused = await publishable().auth.admin.listUsers({ page: 1, perPage: 1 });
    expect(refused.error?.status).toBe(403);
  });

  it("support-recovery works with the secret key and refuses the publishable key", async () => {
    const owner = await signUp("keys-owner");
    const rescuer = await signUp("keys-rescuer");
    const org = await createOrganization(owner, "Keys Locked Out");
    const body = { org: org.slug, email: rescuer.email, ticket: "T-KEYS", operator: "Key Holder" };

    const asPublishable = await publishable().functions.invoke("support-recovery", { body });
    expect(asPublishable.response?.status).toBe(403);

    // The key alone in the apikey header, as a server would send it without supabase-js.
    const bare = await fetch(`${stackEnv.API_URL}/functions/v1/support-recovery`, {
      method: "POST",
      headers: { apikey: stackEnv.SECRET_KEY, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(bare.status).toBe(200);
    expect(await bare.json()).toMatchObject({ org_id: org.orgId, user_id: rescuer.userId });

    const viaClient = await secret().functions.invoke("support-recovery", {
      body: { ...body, email: owner.email },
    });
    expect(viaClient.error).toBeNull();
    expect(viaClient.data).toMatchObject({ user_id: owner.userId });
  });

  it("takes an opaque key in Authorization only when it equals the apikey, never a secret key from a browser, never an unknown key", async () => {
    const rest = (headers: Record<string, string>) =>
      fetch(`${stackEnv.API_URL}/rest/v1/profiles?select=user_id&limit=1`, {
        headers: { ...headers, ...profileHeaders("GET", "/rest/v1/profiles") },
      }).then((response) => response.status);
    const secretKey = stackEnv.SECRET_KEY;
    expect(await rest({ apikey: secretKey })).toBe(200);
    expect(await rest({ apikey: secretKey, authorization: `Bearer ${secretKey}` })).toBe(200);
    expect(
      await rest({ apikey: stackEnv.PUBLISHABLE_KEY, authorization: `Bearer ${secretKey}` }),
    ).toBe(401);
    const browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36";
    expect(await rest({ apikey: secretKey, "user-agent": browser })).toBe(401);

    const settings = (apikey: string) =>
      fetch(`${stackEnv.API_URL}/auth/v1/settings`, { headers: { apikey } }).then((r) => r.status);
    expect(await settings(stackEnv.PUBLISHABLE_KEY)).toBe(200);
    expect(await settings(`${stackEnv.PUBLISHABLE_KEY.slice(0, -1)}x`)).toBe(401);
  });
});
