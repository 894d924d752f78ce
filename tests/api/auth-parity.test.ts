// The auth stand-in answers as GoTrue (the version the Supabase CLI pins) where security
// depends on it: email changes, refresh-token reuse, emailed codes, passwords and bad input.
// Each case is listed in docs/parity.md. Through the gateway, with supabase-js or raw fetch.
import { afterAll, describe, expect, it } from "vitest";
import { anonClient, testPassword } from "../support/clients.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { uniqueEmail } from "../support/emails.ts";
import { countEmails, emailedCode, firstLink, waitForEmail } from "../support/inbox.ts";
import { createOrganization, signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";
import { auth, follow } from "../support/auth-api.ts";

afterAll(closePools);

const refresh = (refreshToken: string) =>
  auth("/token?grant_type=refresh_token", { body: { refresh_token: refreshToken } });

describe("auth stand-in parity with GoTrue", () => {
  // supabase/config.toml turns double_confirm_changes off (see the comment there): only the new
  // address gets a link, and only that link changes the email.
  it("changes the email only once the new address confirms by link; the current one gets nothing to click", async () => {
    const person = await signUp("change");
    const newEmail = uniqueEmail("changed");
    const { data, error } = await person.client.auth.updateUser({ email: newEmail });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(person.email);
    expect(data.user?.new_email).toBe(newEmail);
    expect(data.user?.email_change_sent_at).toBeTruthy();

    const toNew = await waitForEmail(newEmail);
    expect(await countEmails(person.email)).toBe(0);
    const pending = await person.client.auth.getUser();
    expect(pending.data.user?.email).toBe(person.email);
    expect(pending.data.user?.new_email).toBe(newEmail);

    const landed = await follow(firstLink(toNew));
    expect(landed.get("type")).toBe("email_change");
    const changed = await anonClient().auth.getUser(landed.get("access_token")!);
    expect(changed.data.user?.email).toBe(newEmail);
    expect(changed.data.user?.new_email).toBeUndefined();
    expect(changed.data.user?.identities?.[0]?.identity_data?.email).toBe(newEmail);
    const signIn = await anonClient().auth.signInWithPassword({
      email: newEmail,
      password: testPassword,
    });
    expect(signIn.data.user?.id).toBe(person.userId);

    // An address someone else holds: GoTrue's email_exists, nothing sent, nothing changed.
    const other = await signUp("change-other");
    const taken = await auth("/user", {
      method: "PUT",
      body: { email: newEmail },
      token: other.accessToken,
    });
    expect(taken).toMatchObject({ status: 422, body: { code: "email_exists" } });
    expect((await other.client.auth.getUser()).data.user?.new_email).toBeUndefined();
  });

  it("a forwarded invitation link cannot be accepted by switching to the invited address", async () => {
    const owner = await signUp("fwd-owner");
    const org = await createOrganization(owner, "Forwarded");
    const invited = uniqueEmail("fwd-invited");
    const { data: invitations } = await owner.client.rpc("create_invitations", {
      p_org_id: org.orgId,
      p_emails: [invited],
      p_role: "admin",
    });
    const token = invitations![0]!.token!;

    // The attacker holds the forwarded link and asks for the invited address: the confirmation
    // goes to the invited inbox only, so their own inbox has nothing to follow, and they try to
    // accept as they are.
    const attacker = await signUp("fwd-attacker");
    await attacker.client.auth.updateUser({ email: invited });
    await waitForEmail(invited);
    expect(await countEmails(attacker.email)).toBe(0);
    expect((await attacker.client.auth.getUser()).data.user?.email).toBe(attacker.email);
    const accepted = await attacker.client.rpc("accept_invitation", { p_token: token });
    expect(accepted.error?.hint).toBe("invitation_email_mismatch");
    const { data: still } = await owner.client
      .from("invitation_list")
      .select("status")
      .eq("org_id", org.orgId);
    expect(still).toEqual([{ status: "pending" }]);
  });

  it("honours a just-rotated refresh token and simultaneous refreshes; a replay after the reuse interval ends the session", async () => {
    const person = await signUp("tabs");
    const first = (await person.client.auth.getSession()).data.session!.refresh_token;

    // Five tabs refresh with the same token at once: every one gets the same new session.
    const tabs = await Promise.all(Array.from({ length: 5 }, () => refresh(first)));
    expect(tabs.map((tab) => tab.status)).toEqual([200, 200, 200, 200, 200]);
    const second = tabs[0]!.body.refresh_token as string;
    expect(new Set(tabs.map((tab) => tab.body.refresh_token))).toEqual(new Set([second]));
    expect(second).not.toBe(first);

    // The parent of the active token (the client lost the answer): the active token again.
    expect((await refresh(first)).body.refresh_token).toBe(second);
    const third = (await refresh(second)).body.refresh_token as string;
    // An older token within the reuse interval still gets a session.
    const again = await refresh(first);
    expect(again.status).toBe(200);
    expect(again.body.access_token).toBeTruthy();

    // Past the interval (10 s by default) a rotated token counts as stolen.
    await ownerPool.query(
      "update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = $1",
      [second],
    );
    expect((await refresh(second)).body).toMatchObject({ code: "refresh_token_already_used" });
    expect((await refresh(third)).status).toBe(400);
    const user = await auth("/user", { method: "GET", token: again.body.access_token as string });
    expect(user.status).toBe(403);
  });

  it("burns an emailed code after five wrong guesses; codes live an hour", async () => {
    const person = await signUp("guess");
    const requester = anonClient();
    await requester.auth.signInWithOtp({
      email: person.email,
      options: { shouldCreateUser: false },
    });
    const code = emailedCode(await waitForEmail(person.email));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let guess = 0; guess < 5; guess += 1) {
      const { error } = await requester.auth.verifyOtp({
        email: person.email,
        token: wrong,
        type: "email",
      });
      expect(error?.code).toBe("otp_expired");
    }
    const right = await requester.auth.verifyOtp({
      email: person.email,
      token: code,
      type: "email",
    });
    expect(right.error?.status).toBe(429);
    expect(right.data.session).toBeNull();

    // GoTrue's mailer_otp_exp as the CLI sets it: 3600 s.
    const later = await signUp("guess-late");
    await requester.auth.signInWithOtp({
      email: later.email,
      options: { shouldCreateUser: false },
    });
    const fresh = emailedCode(await waitForEmail(later.email));
    await ownerPool.query(
      `update auth.one_time_tokens set created_at = now() - interval '3601 seconds'
       where user_id = $1`,
      [later.userId],
    );
    const late = await requester.auth.verifyOtp({
      email: later.email,
      token: fresh,
      type: "email",
    });
    expect(late.error?.code).toBe("otp_expired");
  });

  it("refuses passwords over 72 bytes and tells unknown from existing accounts only as GoTrue does", async () => {
    const tooLong = "é".repeat(37); // 37 characters, 74 bytes
    const signup = await auth("/signup", {
      body: { email: uniqueEmail("long"), password: tooLong },
    });
    expect([signup.status, signup.body]).toEqual([
      400,
      { code: "validation_failed", message: "Password cannot be longer than 72 characters" },
    ]);
    const person = await signUp("long-change");
    const change = await auth("/user", {
      method: "PUT",
      body: { password: "x".repeat(73) },
      token: person.accessToken,
    });
    expect(change).toMatchObject({ status: 400, body: { code: "validation_failed" } });

    // Password grant: an unknown address and a wrong password answer alike.
    const unknown = await auth("/token?grant_type=password", {
      body: { email: uniqueEmail("nobody"), password: testPassword },
    });
    const wrongPassword = await auth("/token?grant_type=password", {
      body: { email: person.email, password: "not-the-password" },
    });
    expect([unknown.status, unknown.body]).toEqual([wrongPassword.status, wrongPassword.body]);
    expect(unknown.body.code).toBe("invalid_credentials");
    // With autoconfirm on, GoTrue says so when a confirmed address signs up again, and an
    // email code without sign-up tells an unknown address apart; nothing more.
    expect(
      await auth("/signup", { body: { email: person.email, password: testPassword } }),
    ).toMatchObject({ status: 422, body: { code: "user_already_exists" } });
    expect(
      await auth("/otp", { body: { email: uniqueEmail("nobody"), create_user: false } }),
    ).toMatchObject({ status: 422, body: { code: "otp_disabled" } });
  });

  it("answers bad input with 4xx in GoTrue's error shape, never 5xx", async () => {
    const person = await signUp("fuzz");
    const service = stackEnv.SERVICE_ROLE_KEY;
    const nul = "\u0000";
    const malformed = ['{"email":', "[]", '"text"', "42", "{"];
    const routes: Array<{ path: string; method?: string; token?: string; bodies: unknown[] }> = [
      {
        path: "/signup",
        bodies: [
          { email: 42, password: testPassword },
          { email: `a${nul}@x.dev`, password: testPassword },
          { email: uniqueEmail("nul"), password: testPassword, data: { name: `x${nul}` } },
          { email: uniqueEmail("nul"), password: [testPassword] },
          { email: uniqueEmail("nul"), password: testPassword, data: "not an object" },
        ],
      },
      {
        path: "/token?grant_type=password",
        bodies: [
          { email: `${person.email}${nul}`, password: testPassword },
          { email: person.email, password: 12345678 },
          { email: { $ne: null }, password: testPassword },
        ],
      },
      {
        path: "/token?grant_type=refresh_token",
        bodies: [{ refresh_token: `abcdefghijk${nul}` }, { refresh_token: 1 }, {}],
      },
      {
        path: "/otp",
        bodies: [{ email: `a${nul}@x.dev` }, { email: person.email, create_user: "no" }],
      },
      {
        path: "/verify",
        bodies: [
          { type: "email", email: person.email, token: `12${nul}456` },
          { type: "email", token_hash: `ab${nul}` },
          { type: "nonsense", token_hash: "abc" },
          { email: person.email, token: "123456" },
        ],
      },
      {
        path: "/user",
        method: "PUT",
        token: person.accessToken,
        bodies: [
          { email: `b${nul}@x.dev` },
          { data: { k: `v${nul}` } },
          { password: `a${nul}`.repeat(40) },
          { data: [1, 2] },
        ],
      },
      {
        path: "/admin/users",
        token: service,
        bodies: [
          { email: `c${nul}@x.dev`, password: testPassword },
          { email: uniqueEmail("adm"), email_confirm: "yes" },
          { email: uniqueEmail("adm"), user_metadata: { k: nul } },
        ],
      },
    ];
    const failures: string[] = [];
    for (const route of routes) {
      const calls = [
        ...malformed.map((raw) => ({ raw })),
        ...route.bodies.map((body) => ({ body })),
      ];
      for (const call of calls) {
        const answer = await auth(route.path, {
          method: route.method,
          token: route.token,
          ...call,
        });
        const shaped =
          typeof answer.body.code === "string" && typeof answer.body.message === "string";
        if (answer.status < 400 || answer.status >= 500 || !shaped)
          failures.push(
            `${route.path} ${JSON.stringify(call)} → ${answer.status} ${JSON.stringify(answer.body)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(await auth("/token?grant_type=magic", { body: {} })).toMatchObject({
      status: 400,
      body: { code: "invalid_credentials", message: "unsupported_grant_type" },
    });
    expect(await auth("/logout?scope=everywhere", { token: person.accessToken })).toMatchObject({
      status: 400,
      body: { code: "validation_failed" },
    });
    const getVerify = await fetch(
      `${stackEnv.API_URL}/auth/v1/verify?type=magiclink&token=ab%00cd`,
      { headers: { apikey: stackEnv.ANON_KEY }, redirect: "manual" },
    );
    expect(getVerify.status).toBeLessThan(500);
  });
});
