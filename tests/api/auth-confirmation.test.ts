// Sign-up with email confirmation on, as hosted Supabase runs by default: npm test runs this
// file in its confirmation pass (ROSTER_AUTH_CONFIRM=on); on a stack that autoconfirms it skips.
import { afterAll, describe, expect, it } from "vitest";
import { anonClient, serviceClient, testPassword } from "../support/clients.ts";
import { closePools } from "../support/db.ts";
import { uniqueEmail } from "../support/emails.ts";
import { countEmails, firstLink, waitForEmail } from "../support/inbox.ts";
import { confirmsEmail, follow } from "../support/auth-api.ts";

afterAll(closePools);

const confirming = await confirmsEmail();

describe("sign-up with email confirmation on", () => {
  it.skipIf(!confirming)(
    "with confirmations on: sign-up answers without a session, mails a link, /resend mails another; an existing address gets a look-alike with no identities",
    async () => {
      const email = uniqueEmail("confirm");
      const signedUp = await anonClient().auth.signUp({ email, password: testPassword });
      expect(signedUp.data.session).toBeNull();
      expect(signedUp.data.user?.identities).toHaveLength(1);
      expect(signedUp.data.user?.confirmation_sent_at).toBeTruthy();
      await waitForEmail(email);
      const refused = await anonClient().auth.signInWithPassword({ email, password: testPassword });
      expect(refused.error?.code).toBe("email_not_confirmed");

      await new Promise((resolve) => setTimeout(resolve, 1100)); // GoTrue's max_frequency
      expect((await anonClient().auth.resend({ type: "signup", email })).error).toBeNull();
      expect(
        (await anonClient().auth.resend({ type: "signup", email: uniqueEmail("nobody") })).error,
      ).toBeNull();
      await expect.poll(() => countEmails(email)).toBe(2);
      const landed = await follow(firstLink(await waitForEmail(email)));
      expect(landed.get("type")).toBe("signup");
      expect(landed.get("access_token")).toBeTruthy();
      const signIn = await anonClient().auth.signInWithPassword({ email, password: testPassword });
      expect(signIn.error).toBeNull();

      const existing = uniqueEmail("confirm-existing");
      const created = await serviceClient().auth.admin.createUser({
        email: existing,
        password: testPassword,
        email_confirm: true,
      });
      const again = await anonClient().auth.signUp({ email: existing, password: "whatever-else" });
      expect(again.error).toBeNull();
      expect(again.data.session).toBeNull();
      expect(again.data.user?.identities).toEqual([]);
      expect(again.data.user?.id).not.toBe(created.data.user?.id);
      expect(await countEmails(existing)).toBe(0);
    },
  );
});
