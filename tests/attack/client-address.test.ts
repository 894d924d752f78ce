// Forged client addresses (issue 10, finding 1). An attacker writes every forwarding header a
// proxy might trust, a new value on each request. The sign-in limiter and the invitation-preview
// limiter must still count them as one client, and no audit event may record a written address:
// only the address of the socket that reached the gateway counts.
import { afterAll, describe, expect, it } from "vitest";
import { createClient, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import ws from "ws";
import { closePools, ownerPool } from "../support/db.ts";
import { signUp } from "../support/people.ts";
import { fetchFrom, freshLoopbackAddress } from "../support/source-address.ts";
import { stackEnv } from "../support/stack.ts";
import { profileHeaders } from "../support/rest-profile.ts";

let forged = 0;
// Headers an attacker might hope some layer trusts, with a different address every time.
function forgedHeaders(): Record<string, string> {
  forged += 1;
  const address = `6.6.${(forged >> 8) & 255}.${forged & 255}`;
  return {
    "x-forwarded-for": address,
    "x-real-ip": address,
    "cf-connecting-ip": address,
    "true-client-ip": address,
    "sb-forwarded-for": address,
    forwarded: `for=${address}`,
  };
}

async function statuses(count: number, call: () => Promise<Response>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await call();
    await response.body?.cancel();
    seen.push(response.status);
  }
  return seen;
}

afterAll(closePools);

describe("a client rotating forwarding headers", () => {
  it("is still one client to the sign-in limiter (30 wrong passwords per 5 minutes)", async () => {
    const victim = await signUp("limited");
    const from = fetchFrom(freshLoopbackAddress());
    const seen = await statuses(40, () =>
      from(`${stackEnv.API_URL}/auth/v1/token?grant_type=password`, {
        method: "POST",
        headers: {
          apikey: stackEnv.ANON_KEY,
          "content-type": "application/json",
          ...forgedHeaders(),
        },
        body: JSON.stringify({ email: victim.email, password: "not-the-password" }),
      }),
    );
    expect(seen).toEqual([...Array(30).fill(400), ...Array(10).fill(429)]);
  });

  it("is still one client to the invitation-preview limiter", async () => {
    const from = fetchFrom(freshLoopbackAddress());
    const seen = await statuses(40, () =>
      from(`${stackEnv.API_URL}/functions/v1/invitation-preview?token=not-a-token`, {
        headers: forgedHeaders(),
      }),
    );
    expect(seen.filter((status) => status === 200).length).toBeLessThanOrEqual(30);
    expect(seen.at(-1)).toBe(429);
  });

  // The database counts lookups by the address the function vouches for with the secret key
  // (Sb-Forwarded-For); without that key the counting RPC is out of reach, whatever it claims.
  it("cannot reach the RPC that counts previews, nor name the address it counts", async () => {
    const user = await signUp("preview-direct");
    const from = fetchFrom(freshLoopbackAddress());
    const claimed = forgedHeaders();
    const asCaller = (apikey: string, token?: string) =>
      from(`${stackEnv.API_URL}/rest/v1/rpc/get_invitation_preview`, {
        method: "POST",
        headers: {
          apikey,
          authorization: `Bearer ${token ?? apikey}`,
          "content-type": "application/json",
          ...profileHeaders("POST", "/rest/v1/rpc/get_invitation_preview"),
          ...claimed,
        },
        body: JSON.stringify({ p_token: "abc" }),
      });
    const answers = [
      await asCaller(stackEnv.ANON_KEY),
      await asCaller(stackEnv.PUBLISHABLE_KEY),
      await asCaller(stackEnv.ANON_KEY, user.accessToken),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 403]);
    const { rows } = await ownerPool.query(
      `select key from roster_private.limit_counters where key = $1`,
      [claimed["sb-forwarded-for"]],
    );
    expect(rows).toEqual([]);
  });

  it("never puts a written address into the audit trail", async () => {
    const owner = await signUp("audited");
    const address = freshLoopbackAddress();
    const from = fetchFrom(address);
    // Straight to PostgREST…
    const postAsOwner = (path: string, body: unknown) =>
      from(`${stackEnv.API_URL}${path}`, {
        method: "POST",
        headers: {
          apikey: stackEnv.ANON_KEY,
          authorization: `Bearer ${owner.accessToken}`,
          "content-type": "application/json",
          ...profileHeaders("POST", path),
          ...forgedHeaders(),
        },
        body: JSON.stringify(body),
      });
    const created = await postAsOwner("/rest/v1/rpc/create_organization", {
      p_name: `Audited ${owner.userId.slice(0, 8)}`,
    });
    expect(created.status).toBe(200);
    const org = (await created.json()) as { id: string };
    // …and through a function that writes as the caller.
    const invited = await postAsOwner("/functions/v1/invitations", {
      action: "create",
      org_id: org.id,
      emails: [`audited-${owner.userId.slice(0, 8)}@example.com`],
      role: "member",
    });
    expect(invited.status).toBe(200);

    const { rows } = await ownerPool.query<{ action: string; ip: string | null }>(
      `select action, host(ip) as ip from roster.audit_events where org_id = $1 order by id`,
      [org.id],
    );
    expect(rows.map((row) => row.action)).toEqual(["org.created", "invitation.created"]);
    expect(rows[0]!.ip).toBe(address);
    for (const row of rows) expect(row.ip ?? "").not.toMatch(/^6\.6\./);
  });
});

// The same attacker signed in: supabase-js with forged global headers changes nothing either.
it("a signed-in supabase-js client with forged headers is recorded at its socket address", async () => {
  const owner = await signUp("audited-js");
  const client = createClient(stackEnv.API_URL, stackEnv.ANON_KEY, {
    db: { schema: "roster" },
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: ws as unknown as WebSocketLikeConstructor },
    global: {
      headers: { authorization: `Bearer ${owner.accessToken}`, ...forgedHeaders() },
    },
  });
  const { data, error } = await client.rpc("create_organization", {
    p_name: `Audited js ${owner.userId.slice(0, 8)}`,
  });
  expect(error).toBeNull();
  const { rows } = await ownerPool.query<{ ip: string | null }>(
    `select host(ip) as ip from roster.audit_events where org_id = $1`,
    [(data as { id: string }).id],
  );
  expect(rows).toEqual([{ ip: "127.0.0.1" }]);
});
