// The public invitation preview: every state, nothing more than the page may show, the same
// answer shape and timing class for unknown and malformed tokens, and a per-address limit.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonClient, apiClient, testPassword } from "../support/clients.ts";
import { uniqueEmail } from "../support/emails.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { stackEnv } from "../support/stack.ts";
import { invoke } from "./functions-helpers.ts";
import { fetchFrom, freshLoopbackAddress } from "../support/source-address.ts";
import { createOrganization, signUp, type Person } from "../support/people.ts";

interface Preview {
  status: string;
  organization: string | null;
  inviter: string | null;
  role: string | null;
  email: string | null;
  expires_at: string | null;
}

const keys = ["email", "expires_at", "inviter", "organization", "role", "status"];
// A distinct client address per lookup, so the per-address limit of one test never touches
// another: the request leaves from its own loopback address, which the gateway passes on.
const fromFreshAddress = () => fetchFrom(freshLoopbackAddress());

async function preview(
  token: string,
  from = fromFreshAddress(),
): Promise<{ status: number; body: Preview; ms: number }> {
  const started = performance.now();
  const response = await from(
    `${stackEnv.API_URL}/functions/v1/invitation-preview?token=${encodeURIComponent(token)}`,
  );
  return {
    status: response.status,
    body: (await response.json()) as Preview,
    ms: performance.now() - started,
  };
}

describe("invitation-preview function", () => {
  let owner: Person;
  let org: { orgId: string; name: string };

  async function invite(
    email = uniqueEmail("preview"),
    role = "member",
  ): Promise<{ id: string; token: string; email: string }> {
    const { data, error } = await owner.client.rpc("create_invitations", {
      p_org_id: org.orgId,
      p_emails: [email],
      p_role: role,
    });
    if (error) throw error;
    return { id: data[0]!.invitation_id, token: data[0]!.token, email };
  }

  beforeAll(async () => {
    owner = await signUp("preview-owner", "Pia Preview");
    org = await createOrganization(owner, "Preview Clinic");
  });

  afterAll(closePools);

  it("shows a pending invitation with a masked email, without signing in", async () => {
    const email = `sofia-${Date.now()}@preview.example`;
    const { token } = await invite(email, "viewer");
    const { data: row } = await owner.client
      .from("invitation_list")
      .select("expires_at")
      .eq("email", email)
      .single();
    const { status, body } = await preview(token);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "pending",
      organization: org.name,
      inviter: "Pia Preview",
      role: "viewer",
      email: "s***@preview.example",
      expires_at: row!.expires_at,
    });
    // supabase-js with the anon key, POST body instead of the query string
    const anonymous = apiClient(stackEnv.ANON_KEY, undefined, fromFreshAddress());
    const viaClient = await invoke<Preview>(anonymous, "invitation-preview", {
      body: { token },
    });
    expect(viaClient.status).toBe(200);
    expect(viaClient.body).toEqual(body);
  });

  it("reports expired, revoked and used invitations", async () => {
    const expired = await invite();
    await ownerPool.query(
      `update roster.invitations set expires_at = now() - interval '1 minute' where id = $1`,
      [expired.id],
    );
    expect((await preview(expired.token)).body).toMatchObject({
      status: "expired",
      organization: org.name,
    });
    // after the expiry job has marked it (the stack's timer or pg_cron), still expired
    await ownerPool.query(`select * from roster.expire_stale()`);
    const { rows } = await ownerPool.query<{ status: string }>(
      `select status from roster.invitations where id = $1`,
      [expired.id],
    );
    expect(rows[0]!.status).toBe("expired");
    expect((await preview(expired.token)).body.status).toBe("expired");

    const revoked = await invite();
    expect(
      (await owner.client.rpc("revoke_invitation", { p_invitation_id: revoked.id })).error,
    ).toBeNull();
    expect((await preview(revoked.token)).body).toMatchObject({
      status: "revoked",
      organization: org.name,
    });

    const acceptedEmail = uniqueEmail("accepts");
    const accepted = await invite(acceptedEmail);
    const acceptor = anonClient();
    await acceptor.auth.signUp({ email: acceptedEmail, password: testPassword });
    expect((await acceptor.rpc("accept_invitation", { p_token: accepted.token })).error).toBeNull();
    expect((await preview(accepted.token)).body).toMatchObject({ status: "used", role: "member" });

    const declinedEmail = uniqueEmail("declines");
    const declined = await invite(declinedEmail);
    const decliner = anonClient();
    await decliner.auth.signUp({ email: declinedEmail, password: testPassword });
    expect(
      (await decliner.rpc("decline_invitation", { p_token: declined.token })).error,
    ).toBeNull();
    expect((await preview(declined.token)).body.status).toBe("declined");
  });

  it("answers unknown, rotated and malformed tokens with the same shape and timing class", async () => {
    const real = await invite();
    const realAnswer = await preview(real.token);

    const rotated = await invite();
    await owner.client.rpc("resend_invitation", { p_invitation_id: rotated.id });

    const unknownAnswers = await Promise.all(
      [
        randomBytes(32).toString("base64url"),
        rotated.token,
        "abc",
        "",
        "x".repeat(5000),
        "../../etc/passwd",
        "' or 1=1 --",
      ].map((token) => preview(token)),
    );
    const missing = await fromFreshAddress()(`${stackEnv.API_URL}/functions/v1/invitation-preview`);
    const missingBody = (await missing.json()) as Preview;

    const empty = {
      status: "unknown",
      organization: null,
      inviter: null,
      role: null,
      email: null,
      expires_at: null,
    };
    for (const answer of unknownAnswers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(empty);
      expect(Object.keys(answer.body).sort()).toEqual(keys);
      expect(answer.ms).toBeGreaterThanOrEqual(140);
    }
    expect(missing.status).toBe(200);
    expect(missingBody).toEqual(empty);
    expect(Object.keys(realAnswer.body).sort()).toEqual(keys);
    expect(realAnswer.ms).toBeGreaterThanOrEqual(140);
    // Same timing class: no answer comes back much faster or slower than a real lookup.
    const slowest = Math.max(realAnswer.ms, ...unknownAnswers.map((a) => a.ms));
    expect(slowest).toBeLessThan(1500);
  });

  it("limits lookups per client address", async () => {
    const from = fromFreshAddress();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => preview(randomBytes(32).toString("base64url"), from)),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const limited = await from(`${stackEnv.API_URL}/functions/v1/invitation-preview?token=abc`);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      code: "rate_limited",
      message: expect.any(String),
      hint: "rate_limited",
    });
    // another address is unaffected
    expect((await preview("abc")).status).toBe(200);
  });
});
