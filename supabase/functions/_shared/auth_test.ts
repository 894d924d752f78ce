// authenticate() where the platform gives no SUPABASE_JWKS (self-hosting, older CLIs): the
// signing keys come from Auth's JWKS endpoint, served here by a real HTTP server.
import assert from "node:assert/strict";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import { authenticate } from "./auth.ts";
import { HttpError } from "./http.ts";

const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (request) =>
  new URL(request.url).pathname === "/auth/v1/.well-known/jwks.json"
    ? Response.json({ keys: [jwk] })
    : new Response("not found", { status: 404 }),
);
Deno.env.delete("SUPABASE_JWKS");
Deno.env.set("SUPABASE_URL", `http://127.0.0.1:${server.addr.port}`);
Deno.env.set("SUPABASE_SECRET_KEYS", JSON.stringify({ default: "sb_secret_test" }));
Deno.env.set("SUPABASE_PUBLISHABLE_KEYS", JSON.stringify({ default: "sb_publishable_test" }));

// The key type jose itself takes (its typings and Deno's global CryptoKey differ).
const token = (key: Parameters<SignJWT["sign"]>[0], kid = "test-key") =>
  new SignJWT({ role: "authenticated" })
    .setProtectedHeader({ alg: "ES256", kid })
    .setSubject("7d3c8a5e-0000-4000-8000-000000000001")
    .setExpirationTime("5m")
    .sign(key);
const withBearer = (value: string, apikey = "sb_publishable_test") =>
  new Request("http://function.test/", {
    headers: { apikey, authorization: `Bearer ${value}` },
  });

async function refusal(request: Request): Promise<HttpError> {
  const error = await authenticate(request).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof HttpError, "expected a refusal");
  return error;
}

Deno.test("verifies a user token against the JWKS fetched from Auth", async () => {
  const signed = await token(privateKey);
  assert.deepEqual(await authenticate(withBearer(signed)), {
    role: "authenticated",
    token: signed,
    userId: "7d3c8a5e-0000-4000-8000-000000000001",
    claims: decodeJwt(signed),
  });
});

Deno.test("refuses a token from another key and a missing credential with 401", async () => {
  const other = await generateKeyPair("ES256");
  for (const request of [
    withBearer(await token(other.privateKey)),
    withBearer(await token(other.privateKey, "unknown-key")),
    new Request("http://function.test/"),
  ]) {
    const error = await refusal(request);
    assert.equal(error.status, 401);
    assert.equal(error.hint, "unauthorized");
  }
});

Deno.test("API keys stand for their roles", async () => {
  const headers = (apikey: string) => new Request("http://function.test/", { headers: { apikey } });
  assert.deepEqual(await authenticate(headers("sb_secret_test")), { role: "service_role" });
  assert.deepEqual(await authenticate(headers("sb_publishable_test")), { role: "anon" });
  await server.shutdown();
});
