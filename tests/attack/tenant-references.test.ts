// Issue 10, finding 5: a tenant row names only members of its own organization, and the
// refusal is the same whether the person belongs to another tenant or does not exist at all,
// so it cannot be used to find out who has an account or where.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { stackEnv } from "../support/stack.ts";
import { createOrg, join, signUp, type Actor, type Org } from "./support/actors.ts";
import { call, ok, type Answer } from "./support/http.ts";

let alice: Actor; // owner of the home org
let mallory: Actor; // member of the home org, reaching for other tenants' people
let bob: Actor; // owner of another org
let home: Org;
let customerId: string;

beforeAll(async () => {
  [alice, mallory, bob] = await Promise.all(
    ["ref-alice", "ref-mallory", "ref-bob"].map((l) => signUp(l)),
  );
  home = await createOrg(alice, "Home");
  await createOrg(bob, "Elsewhere");
  await join(alice, home.id, mallory, "member");
  [{ id: customerId }] = ok<Array<{ id: string }>>(
    await call({
      path: "/rest/v1/customers",
      token: mallory.token,
      headers: { prefer: "return=representation" },
      body: { org_id: home.id, name: "Ref customer" },
    }),
    "insert customer",
  ) as [{ id: string }];
});

const openConversation = (by: Actor, assignedTo: string) =>
  call({
    path: "/rest/v1/conversations",
    token: by.token,
    headers: { prefer: "return=representation" },
    body: { org_id: home.id, customer_id: customerId, assigned_to: assignedTo },
  });

function expectInvalidInput(answer: Answer) {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body).toMatchObject({ code: "22023", hint: "invalid_input" });
}

describe("people named in tenant rows", () => {
  it("assigns a conversation to a member of the org", async () => {
    const answer = await openConversation(mallory, alice.userId);
    expect(answer.status, answer.text).toBe(201);
  });

  it("refuses another tenant's user and an unknown id with the same answer", async () => {
    const otherTenant = await openConversation(mallory, bob.userId);
    const nobody = await openConversation(mallory, randomUUID());
    expectInvalidInput(otherTenant);
    expect(nobody.body).toEqual(otherTenant.body);
  });

  it("refuses reassigning a conversation to another tenant's user", async () => {
    const [{ id }] = ok<Array<{ id: string }>>(
      await openConversation(mallory, mallory.userId),
      "open",
    ) as [{ id: string }];
    const reassign = (userId: string) =>
      call({
        method: "PATCH",
        path: `/rest/v1/conversations?id=eq.${id}`,
        token: mallory.token,
        body: { assigned_to: userId },
      });
    const otherTenant = await reassign(bob.userId);
    expectInvalidInput(otherTenant);
    expect((await reassign(randomUUID())).body).toEqual(otherTenant.body);
    const rows = ok<Array<{ assigned_to: string }>>(
      await call({
        path: `/rest/v1/conversations?id=eq.${id}&select=assigned_to`,
        token: mallory.token,
      }),
      "read",
    );
    expect(rows).toEqual([{ assigned_to: mallory.userId }]);
  });

  it("tells an outsider nothing about who is a member of an org that is not theirs", async () => {
    const member = await openConversation(bob, alice.userId);
    const stranger = await openConversation(bob, randomUUID());
    expect(member.status).toBe(403);
    expect(member.body).toEqual(stranger.body);
  });

  it("holds for the service role too: created_by must be a member of the row's org", async () => {
    const insert = (createdBy: string) =>
      call({
        path: "/rest/v1/customers",
        apikey: stackEnv.SERVICE_ROLE_KEY,
        body: { org_id: home.id, name: "Service-made", created_by: createdBy },
      });
    expectInvalidInput(await insert(bob.userId));
    expect((await insert(alice.userId)).status).toBe(201);
  });
});
