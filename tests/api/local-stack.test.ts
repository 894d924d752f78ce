// The local stack end to end, through supabase-js only: auth, PostgREST under RLS, an edge
// function, a magic link read from the mail catcher, and refusal of bad tokens.
import { describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { anonClient, apiClient, signedUpClient, testPassword } from "../support/clients.ts";
import { uniqueEmail } from "../support/emails.ts";
import { firstLink, waitForEmail } from "../support/inbox.ts";
import { stackEnv } from "../support/stack.ts";
import { exposedSchemas } from "../../supabase/local/project-config.ts";

const secret = new TextEncoder().encode(stackEnv.JWT_SECRET);

const clientWithToken = (token: string) => apiClient(stackEnv.ANON_KEY, token);

describe("local stack through supabase-js", () => {
  it("signs up, signs in, and reads only its own profile row under RLS", async () => {
    const first = await signedUpClient("first", "First Person");
    const second = await signedUpClient("second", "Second Person");

    const signIn = await anonClient().auth.signInWithPassword({
      email: first.email,
      password: testPassword,
    });
    expect(signIn.error).toBeNull();
    expect(signIn.data.user?.id).toBe(first.userId);

    const { data, error } = await first.client.from("profiles").select("user_id, display_name");
    expect(error).toBeNull();
    expect(data).toEqual([{ user_id: first.userId, display_name: "First Person" }]);
    expect(data?.map((row) => row.user_id)).not.toContain(second.userId);
  });

  it("calls an edge function that sees the caller", async () => {
    const { client, userId, email } = await signedUpClient("fn");
    const { data, error } = await client.functions.invoke<{ user_id: string; email: string }>(
      "whoami",
    );
    expect(error).toBeNull();
    expect(data).toEqual({ user_id: userId, email });
  });

  it("signs in with a magic link read from the mail catcher", async () => {
    const { email, userId } = await signedUpClient("magic");
    const requester = anonClient();
    const { error } = await requester.auth.signInWithOtp({
      email,
      options: { shouldCreateUser: false, emailRedirectTo: stackEnv.SITE_URL },
    });
    expect(error).toBeNull();

    const link = firstLink(await waitForEmail(email));
    const redirect = await fetch(link, { redirect: "manual" });
    expect(redirect.status).toBe(303);
    const location = new URL(redirect.headers.get("location")!);
    expect(location.origin).toBe(new URL(stackEnv.SITE_URL).origin);
    const fragment = new URLSearchParams(location.hash.slice(1));

    const browser = anonClient();
    const session = await browser.auth.setSession({
      access_token: fragment.get("access_token")!,
      refresh_token: fragment.get("refresh_token")!,
    });
    expect(session.error).toBeNull();
    expect(session.data.user?.id).toBe(userId);

    // The link is single use.
    const again = await fetch(link, { redirect: "manual" });
    expect(new URL(again.headers.get("location")!).hash).toContain("error=access_denied");
  });

  it("refuses a tampered or expired JWT at PostgREST and the auth API", async () => {
    const { client } = await signedUpClient("tamper");
    const { data } = await client.auth.getSession();
    const token = data.session!.access_token;
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: "service_role" })).toString(
      "base64url",
    );
    const tampered = `${header}.${forgedPayload}.${signature}`;

    const tamperedRead = await clientWithToken(tampered).from("profiles").select("user_id");
    expect(tamperedRead.status).toBe(401);
    expect(tamperedRead.data).toBeNull();

    const expired = await new SignJWT({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(secret);
    const expiredRead = await clientWithToken(expired).from("profiles").select("user_id");
    expect(expiredRead.status).toBe(401);
    expect(expiredRead.error?.message).toMatch(/expired/i);

    const userWithForgery = await anonClient().auth.getUser(tampered);
    expect(userWithForgery.error?.status).toBe(403);
  });

  it("rate limits repeated failed sign-ins", async () => {
    const email = uniqueEmail("brute");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 31; attempt += 1) {
      const { error } = await anonClient().auth.signInWithPassword({
        email,
        password: `guess-${attempt}`,
      });
      statuses.push(error?.status ?? 200);
    }
    expect(statuses.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("exposes exactly the schemas supabase/config.toml lists under [api] schemas, as `supabase start` does", async () => {
    const listed = exposedSchemas();
    expect(listed).toContain("roster");
    // PostgREST names what it exposes when asked for a schema it does not
    const response = await fetch(`${stackEnv.REST_URL}/organizations`, {
      headers: { apikey: stackEnv.ANON_KEY, "accept-profile": "roster_private" },
    });
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({
      code: "PGRST106",
      message: `The schema must be one of the following: ${listed.join(", ")}`,
    });
  });

  it("answers REST without an API key with 401, as the Supabase gateway does", async () => {
    const response = await fetch(`${stackEnv.API_URL}/rest/v1/profiles`);
    expect(response.status).toBe(401);
  });

  it("updates the user's metadata, and signing out ends the session for its tokens", async () => {
    const { client } = await signedUpClient("logout", "Before Rename");
    const updated = await client.auth.updateUser({ data: { full_name: "After Rename" } });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata.full_name).toBe("After Rename");

    const { data } = await client.auth.getSession();
    const { access_token: accessToken, refresh_token: refreshToken } = data.session!;
    expect((await client.auth.signOut()).error).toBeNull();

    // The access token is still correctly signed, but its session is gone.
    const stale = await anonClient().auth.getUser(accessToken);
    expect(stale.data.user).toBeNull();
    expect(stale.error).not.toBeNull();
    const refreshed = await anonClient().auth.refreshSession({ refresh_token: refreshToken });
    expect(refreshed.error).not.toBeNull();
  });

  it("answers the browser's CORS preflight for REST and auth, as the Supabase gateway does", async () => {
    for (const path of ["/rest/v1/profiles", "/auth/v1/token?grant_type=password"]) {
      const response = await fetch(`${stackEnv.API_URL}${path}`, {
        method: "OPTIONS",
        headers: {
          Origin: stackEnv.SITE_URL,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "apikey, authorization, content-type",
        },
      });
      expect(response.status, path).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-headers")).toContain("apikey");
    }
  });
});
