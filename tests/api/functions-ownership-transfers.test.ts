// Ownership transfer emails (issue 12 item 8): the target hears of a request, the owner of its
// outcome (accepted, declined, expired), each email sent once, delivery recorded on the row.
import { afterAll, describe, expect, it } from "vitest";
import { anonClient, serviceClient } from "../support/clients.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { waitForEmail } from "../support/inbox.ts";
import { createOrganization, joinAs, signUp, type Person } from "../support/people.ts";
import { invoke } from "./functions-helpers.ts";

afterAll(closePools);

async function transferSetup(label: string) {
  const owner = await signUp(`${label}-owner`, `${label} Owner`);
  const org = await createOrganization(owner, label);
  const target = await joinAs(owner, org.orgId, "admin", `${label}-target`, `${label} Target`);
  const { data, error } = await owner.client.rpc("request_ownership_transfer", {
    p_org_id: org.orgId,
    p_to_user_id: target.userId,
    p_confirm_name: org.name,
  });
  if (error || !data) throw error ?? new Error("no transfer");
  return { owner, target, org, transferId: data.id as string };
}

const notify = (person: Person, transferId: string) =>
  invoke<{ results: Array<{ status: string; delivery: string }> }>(
    person.client,
    "ownership-transfers",
    { body: { action: "notify", transfer_id: transferId } },
  );

async function delivery(transferId: string) {
  const { rows } = await ownerPool.query(
    `select mailed_status::text, delivery_status, send_count from roster.ownership_transfers where id = $1`,
    [transferId],
  );
  return rows[0];
}

describe("ownership-transfers function", () => {
  it("emails the target about a request once, and records the delivery", async () => {
    const { owner, target, org, transferId } = await transferSetup("otr-request");
    const first = await notify(owner, transferId);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      expect.objectContaining({ status: "pending", delivery: "sent" }),
    ]);
    const email = await waitForEmail(target.email);
    expect(email.subject).toBe(`otr-request Owner wants to make you the owner of ${org.name}`);
    expect(email.text).toContain(`/o/${org.slug}`);
    // nothing more is owed: a second call sends nothing
    expect((await notify(target, transferId)).body.results).toEqual([]);
    expect(await delivery(transferId)).toEqual({
      mailed_status: "pending",
      delivery_status: "sent",
      send_count: 1,
    });
  });

  it("emails the owner when the target accepts, and when the target declines", async () => {
    const accepted = await transferSetup("otr-accept");
    await notify(accepted.owner, accepted.transferId);
    await accepted.target.client.rpc("accept_ownership_transfer", {
      p_transfer_id: accepted.transferId,
    });
    await notify(accepted.target, accepted.transferId);
    expect((await waitForEmail(accepted.owner.email)).subject).toBe(
      `otr-accept Target is now the owner of ${accepted.org.name}`,
    );

    const declined = await transferSetup("otr-decline");
    await declined.target.client.rpc("decline_ownership_transfer", {
      p_transfer_id: declined.transferId,
    });
    await notify(declined.target, declined.transferId);
    expect((await waitForEmail(declined.owner.email)).subject).toBe(
      `otr-decline Target declined ownership of ${declined.org.name}`,
    );
    expect(await delivery(declined.transferId)).toMatchObject({
      mailed_status: "declined",
      delivery_status: "sent",
    });
  });

  it("the sweep emails the owner of an expired transfer; only the service role may sweep", async () => {
    const { owner, target, transferId } = await transferSetup("otr-expire");
    expect(
      (await invoke(target.client, "ownership-transfers", { body: { action: "sweep" } })).status,
    ).toBe(403);
    await ownerPool.query(
      `update roster.ownership_transfers set expires_at = now() - interval '1 minute' where id = $1`,
      [transferId],
    );
    await serviceClient().rpc("expire_stale");
    const swept = await invoke<{ results: Array<{ transfer_id: string; status: string }> }>(
      serviceClient(),
      "ownership-transfers",
      { body: { action: "sweep" } },
    );
    expect(swept.status).toBe(200);
    // the stack's own expiry timer may have swept it first; either way the owner is told once
    const email = await waitForEmail(owner.email, 60_000);
    expect(email.subject).toMatch(/^Your ownership transfer of .* expired$/);
    expect(await delivery(transferId)).toMatchObject({ mailed_status: "expired", send_count: 1 });
    // a sweep mails every transfer the suite left owed: give it time on a busy machine
  }, 120_000);

  it("refuses people who cannot see the transfer, and bad input", async () => {
    const { transferId } = await transferSetup("otr-refuse");
    const outsider = await signUp("otr-outsider");
    expect((await notify(outsider, transferId)).status).toBe(404);
    const bad = await invoke(outsider.client, "ownership-transfers", {
      body: { action: "notify", transfer_id: "nope" },
    });
    expect(bad).toMatchObject({ status: 400, body: { hint: "invalid_input" } });
    expect(
      (await invoke(anonClient(), "ownership-transfers", { body: { action: "sweep" } })).status,
    ).toBe(403);
  });
});
