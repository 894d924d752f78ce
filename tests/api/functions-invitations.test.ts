// The invitations edge function through supabase-js: emails reach the mail catcher and their
// links work, delivery failures are recorded and recoverable, the database decides who may
// invite, and each organization has an hourly limit.
import { beforeAll, describe, expect, it } from "vitest";
import { anonClient, testPassword } from "../support/clients.ts";
import { uniqueEmail } from "../support/emails.ts";
import { countEmails, firstLink, waitForEmail } from "../support/inbox.ts";
import { onLocalStandIn, stackEnv, standInOnly } from "../support/stack.ts";
import { invoke } from "./functions-helpers.ts";
import { createOrganization, joinAs, signUp, type Person } from "../support/people.ts";

interface CreateResult {
  email: string;
  status: string;
  invitation_id?: string;
  error?: string;
}

// roster_private.limits 'invitation_emails' (20261206300000_invitation_email_limit.sql).
const limitPerHour = 100;

function tokenOf(link: string): string {
  const url = new URL(link);
  expect(`${url.origin}${url.pathname}`.startsWith(`${stackEnv.SITE_URL}/invite/`)).toBe(true);
  return url.pathname.slice("/invite/".length);
}

async function invitationRow(admin: Person, id: string) {
  const { data, error } = await admin.client
    .from("invitation_list")
    .select("email, role, status, delivery_status, delivery_error, send_count")
    .eq("id", id)
    .single();
  if (error) throw error;
  return data;
}

describe("invitations function", () => {
  let owner: Person;
  let admin: Person;
  let org: { orgId: string; name: string };

  beforeAll(async () => {
    owner = await signUp("inv-owner", "Olivia Owner");
    org = await createOrganization(owner, "Invite Co");
    admin = await joinAs(owner, org.orgId, "admin", "inv-admin");
    await admin.client.rpc("update_profile", { p_display_name: "Ada <Admin>" });
  });

  it("emails two invitees; the second signs up with that address and joins through the link", async () => {
    const first = uniqueEmail("invitee-a");
    const second = uniqueEmail("invitee-b");
    const answer = await invoke<{ results: CreateResult[] }>(admin.client, "invitations", {
      body: {
        action: "create",
        org_id: org.orgId,
        emails: [first, second.toUpperCase()],
        role: "viewer",
        message: "See you <b>soon</b>",
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map(({ email, status }) => ({ email, status }))).toEqual([
      { email: first, status: "sent" },
      { email: second, status: "sent" },
    ]);
    expect(JSON.stringify(answer.body)).not.toMatch(/token/i);

    const [mailA, mailB] = await Promise.all([waitForEmail(first), waitForEmail(second)]);
    for (const mail of [mailA, mailB]) {
      expect(mail.subject).toContain(org.name);
      expect(mail.text).toContain("Ada <Admin>");
      expect(mail.text).toContain("Viewer");
      expect(mail.text).toMatch(/expires on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
      // user-supplied values are escaped in the HTML part
      expect(mail.html).toContain("Ada &lt;Admin&gt;");
      expect(mail.html).toContain("See you &lt;b&gt;soon&lt;/b&gt;");
      expect(mail.html).not.toContain("<b>soon</b>");
    }
    const token = tokenOf(firstLink(mailB));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const invitee = anonClient();
    const signUpResult = await invitee.auth.signUp({
      email: second,
      password: testPassword,
    });
    expect(signUpResult.error).toBeNull();
    const accepted = await invitee.rpc("accept_invitation", { p_token: token });
    expect(accepted.error).toBeNull();

    const { data: memberships } = await invitee
      .from("my_memberships")
      .select("org_id, role, status");
    expect(memberships).toEqual([{ org_id: org.orgId, role: "viewer", status: "active" }]);

    const row = await invitationRow(admin, answer.body.results[1]!.invitation_id!);
    expect(row).toMatchObject({
      status: "accepted",
      delivery_status: "sent",
      send_count: 1,
      delivery_error: null,
    });
  });

  it.skipIf(!onLocalStandIn)(
    `records a failed delivery without failing the others, and a resend delivers with a new token ${standInOnly("the email outage switch")}`,
    async () => {
      const fine = uniqueEmail("fine");
      const outage = uniqueEmail("outage");
      const reserved = `nobody-${Date.now()}@example.invalid`;
      const answer = await invoke<{ results: CreateResult[] }>(admin.client, "invitations", {
        body: {
          action: "create",
          org_id: org.orgId,
          emails: [fine, outage, reserved],
          role: "member",
        },
        headers: { "x-roster-smtp-outage": outage },
      });
      expect(answer.status).toBe(200);
      const [fineResult, outageResult, reservedResult] = answer.body.results;
      expect(fineResult).toMatchObject({ email: fine, status: "sent" });
      expect(outageResult).toMatchObject({ email: outage, status: "failed" });
      expect(outageResult!.error).toMatch(/ECONNREFUSED|refused/i);
      expect(reservedResult).toMatchObject({ email: reserved, status: "failed" });
      expect(reservedResult!.error).toMatch(/reserved/);

      // The failures are visible to admins, with the reason, and nothing reached those inboxes.
      expect(await invitationRow(admin, outageResult!.invitation_id!)).toMatchObject({
        status: "pending",
        delivery_status: "failed",
        send_count: 0,
        delivery_error: outageResult!.error,
      });
      expect(await invitationRow(admin, reservedResult!.invitation_id!)).toMatchObject({
        delivery_status: "failed",
      });
      const fineMail = await waitForEmail(fine);
      expect(await countEmails(outage)).toBe(0);

      // Resending the failed one, with the mail server back, delivers it.
      const resent = await invoke<{ result: CreateResult }>(admin.client, "invitations", {
        body: { action: "resend", invitation_id: outageResult!.invitation_id },
      });
      expect(resent.status).toBe(200);
      expect(resent.body.result).toEqual({
        invitation_id: outageResult!.invitation_id,
        email: outage,
        status: "sent",
      });
      const outageToken = tokenOf(firstLink(await waitForEmail(outage)));
      expect(await invitationRow(admin, outageResult!.invitation_id!)).toMatchObject({
        delivery_status: "sent",
        delivery_error: null,
        send_count: 1,
      });

      // Resending rotates the token: the first emailed link stops working, the new one works.
      const oldToken = tokenOf(firstLink(fineMail));
      const resentFine = await invoke<{ result: CreateResult }>(admin.client, "invitations", {
        body: { action: "resend", invitation_id: fineResult!.invitation_id },
      });
      expect(resentFine.body.result.status).toBe("sent");
      let newToken = oldToken;
      for (let i = 0; i < 50 && newToken === oldToken; i += 1) {
        newToken = tokenOf(firstLink(await waitForEmail(fine)));
        if (newToken === oldToken) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(newToken).not.toBe(oldToken);
      expect(await countEmails(fine)).toBe(2);

      const invitee = anonClient();
      await invitee.auth.signUp({ email: fine, password: testPassword });
      const stale = await invitee.rpc("accept_invitation", { p_token: oldToken });
      expect(stale.error?.hint).toBe("invalid_token");
      const fresh = await invitee.rpc("accept_invitation", { p_token: newToken });
      expect(fresh.error).toBeNull();
      expect(fresh.data).toMatchObject({ org_id: org.orgId, role: "member" });
      expect(outageToken).not.toBe(newToken);

      // A resend of an accepted invitation is refused by the database, with its hint.
      const again = await invoke(admin.client, "invitations", {
        body: { action: "resend", invitation_id: fineResult!.invitation_id },
      });
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({ hint: "invitation_used" });
    },
  );

  it("refuses a member without members.invite, and an outsider, sending nothing", async () => {
    const member = await joinAs(owner, org.orgId, "member", "inv-member");
    const target = uniqueEmail("not-invited");
    const refused = await invoke(member.client, "invitations", {
      body: { action: "create", org_id: org.orgId, emails: [target], role: "viewer" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ code: "42501", message: expect.any(String), hint: "forbidden" });

    const outsider = await signUp("inv-outsider");
    const hidden = await invoke(outsider.client, "invitations", {
      body: { action: "create", org_id: org.orgId, emails: [target], role: "viewer" },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ hint: "not_found" });

    // an admin cannot invite an admin (rank), and nobody invites an owner
    const tooHigh = await invoke(admin.client, "invitations", {
      body: { action: "create", org_id: org.orgId, emails: [target], role: "admin" },
    });
    expect(tooHigh.status).toBe(403);
    expect(tooHigh.body).toMatchObject({ hint: "role_too_high" });

    const { data: rows } = await owner.client
      .from("invitation_list")
      .select("id")
      .eq("org_id", org.orgId)
      .eq("email", target);
    expect(rows).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await countEmails(target)).toBe(0);
  });

  it("answers bad input and signed-out calls with the error contract", async () => {
    const badEmail = await invoke(admin.client, "invitations", {
      body: { action: "create", org_id: org.orgId, emails: ["not-an-email"], role: "viewer" },
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body).toMatchObject({ hint: "invalid_input" });

    const tooMany = await invoke(admin.client, "invitations", {
      body: {
        action: "create",
        org_id: org.orgId,
        emails: Array.from({ length: 51 }, () => uniqueEmail("many")),
        role: "viewer",
      },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ hint: "invalid_input" });

    const unknownAction = await invoke(admin.client, "invitations", { body: { action: "delete" } });
    expect(unknownAction.status).toBe(400);

    const anon = await invoke(anonClient(), "invitations", {
      body: { action: "create", org_id: org.orgId, emails: [uniqueEmail("anon")], role: "viewer" },
    });
    expect(anon.status).toBe(403);
    expect(anon.body).toMatchObject({ hint: "forbidden" });

    const noJwt = await fetch(`${stackEnv.API_URL}/functions/v1/invitations`, {
      method: "POST",
      body: "{}",
    });
    expect(noJwt.status).toBe(401);

    const preflight = await fetch(`${stackEnv.API_URL}/functions/v1/invitations`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  it(`limits each organization to ${limitPerHour} invitations per hour`, async () => {
    const limitedOwner = await signUp("limit-owner");
    const limited = await createOrganization(limitedOwner, "Busy Co");
    // Invitations created directly through the RPC count too: the limit is kept in the database.
    let created = 0;
    while (created < limitPerHour - 1) {
      const batch = Math.min(50, limitPerHour - 1 - created);
      const { error } = await limitedOwner.client.rpc("create_invitations", {
        p_org_id: limited.orgId,
        p_emails: Array.from({ length: batch }, () => uniqueEmail("bulk")),
        p_role: "viewer",
      });
      expect(error).toBeNull();
      created += batch;
    }

    const last = uniqueEmail("last");
    const lastAllowed = await invoke<{ results: CreateResult[] }>(
      limitedOwner.client,
      "invitations",
      {
        body: { action: "create", org_id: limited.orgId, emails: [last], role: "viewer" },
      },
    );
    expect(lastAllowed.status).toBe(200);
    expect(lastAllowed.body.results[0]).toMatchObject({ status: "sent" });

    const over = uniqueEmail("over");
    const refused = await invoke(limitedOwner.client, "invitations", {
      body: { action: "create", org_id: limited.orgId, emails: [over], role: "viewer" },
    });
    expect(refused.status).toBe(429);
    // The database refuses it (PT429 is PostgREST's SQLSTATE for HTTP 429); the function
    // passes that on.
    expect(refused.body).toEqual({
      code: "PT429",
      message: expect.any(String),
      hint: "rate_limited",
    });
    expect(refused.headers.get("retry-after")).toBe("60");
    const { data: rows } = await limitedOwner.client
      .from("invitation_list")
      .select("id")
      .eq("org_id", limited.orgId)
      .eq("email", over);
    expect(rows).toEqual([]);

    const resend = await invoke(limitedOwner.client, "invitations", {
      body: { action: "resend", invitation_id: lastAllowed.body.results[0]!.invitation_id },
    });
    expect(resend.status).toBe(429);

    // Calling the RPC directly, around the function, is refused the same way.
    const direct = await limitedOwner.client.rpc("create_invitations", {
      p_org_id: limited.orgId,
      p_emails: [uniqueEmail("direct")],
      p_role: "viewer",
    });
    expect(direct.error).toMatchObject({ code: "PT429", hint: "rate_limited" });

    // Other organizations are not affected.
    const other = await invoke<{ results: CreateResult[] }>(admin.client, "invitations", {
      body: {
        action: "create",
        org_id: org.orgId,
        emails: [uniqueEmail("elsewhere")],
        role: "viewer",
      },
    });
    expect(other.status).toBe(200);
  });
});
