// The auth API answers as GoTrue (the version the Supabase CLI pins) for a person's account
// lifecycle: confirmation, recovery, identities, email validation and the admin user list.
// Each case is a row of docs/parity.md; sign-up with confirmation on is in auth-confirmation.
import { afterAll, describe, expect, it } from "vitest";
import { anonClient, serviceClient, testPassword } from "../support/clients.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { uniqueEmail } from "../support/emails.ts";
import { countEmails, emailedCode, firstLink, waitForEmail } from "../support/inbox.ts";
import { signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";
import { auth, follow } from "../support/auth-api.ts";

afterAll(closePools);

const newPassword = "another-horse-battery";

describe("account lifecycle as GoTrue answers it", () => {
  // supabase/config.toml [auth.email] secure_password_change = true
  it("changes a password from a recent sign-in; from an older session only with the code /reauthenticate emails", async () => {
    const person = await signUp("reauth");
    // Signed in a moment ago: a recent sign-in is proof enough.
    expect((await person.client.auth.updateUser({ password: newPassword })).error).toBeNull();

    // The same session a day later.
    await ownerPool.query(
      "update auth.sessions set created_at = now() - interval '25 hours' where user_id = $1",
      [person.userId],
    );
    const refused = await person.client.auth.updateUser({ password: testPassword });
    expect(refused.error).toMatchObject({ status: 400, code: "reauthentication_needed" });
    const guessed = await person.client.auth.updateUser({
      password: testPassword,
      nonce: "123456",
    });
    expect(guessed.error).toMatchObject({ status: 422, code: "reauthentication_not_valid" });

    expect((await person.client.auth.reauthenticate()).error).toBeNull();
    const email = await waitForEmail(person.email);
    expect(email.subject).toBe("Confirm reauthentication");
    const nonce = emailedCode(email);
    const changed = await person.client.auth.updateUser({ password: testPassword, nonce });
    expect(changed.error).toBeNull();
    // The code works once.
    const replayed = await person.client.auth.updateUser({ password: newPassword, nonce });
    expect(replayed.error?.code).toBe("reauthentication_not_valid");

    const signIn = await anonClient().auth.signInWithPassword({
      email: person.email,
      password: testPassword,
    });
    expect(signIn.error).toBeNull();
  });

  it("refuses a password sign-in until the address is confirmed, and honours the admin's email_confirm", async () => {
    const email = uniqueEmail("unconfirmed");
    const admin = serviceClient().auth.admin;
    const created = await admin.createUser({ email, password: testPassword });
    expect(created.data.user?.email_confirmed_at).toBeUndefined();

    const refused = await anonClient().auth.signInWithPassword({ email, password: testPassword });
    expect(refused.error).toMatchObject({ status: 400, code: "email_not_confirmed" });
    // A wrong password still says only that the credentials are wrong.
    const wrong = await anonClient().auth.signInWithPassword({ email, password: "not-it-at-all" });
    expect(wrong.error?.code).toBe("invalid_credentials");

    const confirmed = await admin.updateUserById(created.data.user!.id, { email_confirm: true });
    expect(confirmed.data.user?.email_confirmed_at).toBeTruthy();
    const signIn = await anonClient().auth.signInWithPassword({ email, password: testPassword });
    expect(signIn.error).toBeNull();
  });

  it("returns the email identity with every user", async () => {
    const person = await signUp("identity");
    const { data } = await person.client.auth.getUser();
    expect(data.user?.identities).toHaveLength(1);
    expect(data.user?.identities?.[0]).toMatchObject({
      provider: "email",
      id: person.userId,
      user_id: person.userId,
      identity_data: { email: person.email, sub: person.userId },
    });
  });

  it("refuses the addresses GoTrue's format check refuses, on every endpoint that takes one", async () => {
    for (const email of ["xx:;x@x.x", "a b@x.dev", "a@-x.dev", "ä@x.dev"]) {
      for (const path of ["/signup", "/otp", "/recover"]) {
        const answer = await auth(path, { body: { email, password: testPassword } });
        expect([path, email, answer.status, answer.body.code]).toEqual([
          path,
          email,
          400,
          "validation_failed",
        ]);
      }
    }
  });

  it("lists users newest first, 50 to a page by default, with X-Total-Count and Link", async () => {
    const admin = serviceClient().auth.admin;
    const newest = await signUp("listed");
    // supabase-js sends empty page and per_page when none are given.
    const all = await admin.listUsers();
    expect(all.error).toBeNull();
    expect(all.data.users.length).toBeGreaterThan(1);
    expect(all.data.users[0]?.id).toBe(newest.userId);

    const paged = await admin.listUsers({ page: 1, perPage: 1 });
    expect(paged.data.users).toHaveLength(1);
    expect((paged.data as { total?: number }).total).toBeGreaterThan(1);
    expect((paged.data as { nextPage?: number | null }).nextPage).toBe(2);

    const raw = await auth("/admin/users?page=2&per_page=1", {
      method: "GET",
      token: stackEnv.SERVICE_ROLE_KEY,
    });
    const total = Number(raw.headers.get("x-total-count"));
    expect(total).toBeGreaterThan(1);
    expect(raw.headers.get("link")).toContain(`page=${total}&per_page=1>; rel="last"`);
    expect(raw.headers.get("link")).toContain('page=3&per_page=1>; rel="next"');
    const bad = await auth("/admin/users?page=x", {
      method: "GET",
      token: stackEnv.SERVICE_ROLE_KEY,
    });
    expect(bad).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });

  it("recovers a forgotten password by emailed link, answering unknown addresses like known ones", async () => {
    const person = await signUp("recover");
    const unknown = uniqueEmail("nobody");
    const redirectTo = `${stackEnv.SITE_URL}/reset-password`;
    const known = await anonClient().auth.resetPasswordForEmail(person.email, { redirectTo });
    const stranger = await anonClient().auth.resetPasswordForEmail(unknown, { redirectTo });
    expect(known).toEqual(stranger);
    expect(known.error).toBeNull();

    const email = await waitForEmail(person.email);
    expect(await countEmails(unknown)).toBe(0);
    // One email a second per address, known or not (GoTrue's max_frequency).
    for (const address of [person.email, unknown]) {
      const again = await auth("/recover", { body: { email: address } });
      expect(again).toMatchObject({ status: 429, body: { code: "over_email_send_rate_limit" } });
    }

    const landed = await follow(firstLink(email));
    expect(landed.get("type")).toBe("recovery");
    const recovered = anonClient();
    await recovered.auth.setSession({
      access_token: landed.get("access_token")!,
      refresh_token: landed.get("refresh_token")!,
    });
    expect((await recovered.auth.updateUser({ password: newPassword })).error).toBeNull();
    const signIn = await anonClient().auth.signInWithPassword({
      email: person.email,
      password: newPassword,
    });
    expect(signIn.data.user?.id).toBe(person.userId);
    // The link was single use.
    const reused = await follow(firstLink(email));
    expect(reused.get("error_code")).toBe("otp_expired");
  });
});
