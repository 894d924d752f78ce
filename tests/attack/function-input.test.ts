// Bad input to the edge functions (issue 10, finding 3): values JavaScript accepts and Postgres
// does not (years outside 1–9999, NUL characters, lone surrogates) once reached the database and
// came back as 500 or 503. Each is now a 4xx with a stable hint, or for the public preview the
// plain `unknown` of any bad token, and none of them changes anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools, ownerPool } from "../support/db.ts";
import { createOrganization, signUp, type Person } from "../support/people.ts";
import { fetchFrom, freshLoopbackAddress } from "../support/source-address.ts";
import { stackEnv } from "../support/stack.ts";

let owner: Person;
let orgId: string;

async function orgState(): Promise<unknown> {
  const { rows } = await ownerPool.query(
    `select (select count(*)::int from roster.audit_events where org_id = $1) as events,
            (select count(*)::int from roster.invitations where org_id = $1) as invitations`,
    [orgId],
  );
  return rows[0];
}

function callFunction(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${stackEnv.API_URL}/functions/v1/${path}`, {
    ...init,
    headers: {
      apikey: stackEnv.ANON_KEY,
      authorization: `Bearer ${owner.accessToken}`,
      "content-type": "application/json",
    },
  });
}

beforeAll(async () => {
  owner = await signUp("fn-input");
  orgId = (await createOrganization(owner, "Function input")).orgId;
});
afterAll(closePools);

describe("audit-export", () => {
  it.each([
    ["from", "-000001-01-01T00:00:00Z"],
    ["to", "+275760-09-13T00:00:00Z"],
    ["from", "0000-01-01T00:00:00Z"],
    ["q", "a\u0000b"],
    ["target", "\u0000"],
  ])("refuses %s=%j with 400 invalid_input and records no export", async (key, value) => {
    const before = await orgState();
    const params = new URLSearchParams({ org_id: orgId, format: "csv", [key]: value });
    const response = await callFunction(`audit-export?${params}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ hint: "invalid_input" });
    expect(await orgState()).toEqual(before);
  });
});

describe("invitations", () => {
  it.each([
    ["an email with a lone surrogate", { emails: ["\ud800@example.com"] }],
    ["an email with a NUL", { emails: ["a\u0000b@example.com"] }],
    ["a message with a NUL", { emails: ["fine@example.com"], message: "hi\u0000" }],
    ["a message with a lone surrogate", { emails: ["fine@example.com"], message: "\udfff" }],
  ])("refuses %s with 400 invalid_input and invites nobody", async (_what, fields) => {
    const before = await orgState();
    const response = await callFunction("invitations", {
      method: "POST",
      body: JSON.stringify({ action: "create", org_id: orgId, role: "member", ...fields }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ hint: "invalid_input" });
    expect(await orgState()).toEqual(before);
  });
});

describe("invitation-preview", () => {
  it.each([
    ["GET with a NUL", "?token=%00abc", undefined],
    ["POST with a NUL", "", JSON.stringify({ token: "abc\u0000" })],
    ["POST with a lone surrogate", "", '{"token":"\\ud800abc"}'],
  ])("answers %s like any bad token", async (_what, query, body) => {
    // Its own address, so the preview's per-address limit of other tests is not touched.
    const from = fetchFrom(freshLoopbackAddress());
    const response = await from(`${stackEnv.API_URL}/functions/v1/invitation-preview${query}`, {
      method: body ? "POST" : "GET",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "unknown", organization: null });
  });
});
