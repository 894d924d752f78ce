// The invite flow with email confirmation on, as hosted Supabase runs by default: the invitee
// signs up on the invitation page, is asked to confirm, follows the confirmation email back to
// the invitation, and accepts. npm test runs it in its confirmation pass (ROSTER_AUTH_CONFIRM=on);
// on a stack that autoconfirms it skips.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoSeriousViolations, launchBrowser } from "../support/browser.ts";
import { confirmsEmail } from "../support/auth-api.ts";
import { testPassword } from "../support/clients.ts";
import { closePools } from "../support/db.ts";
import { uniqueEmail } from "../support/emails.ts";
import { firstLink, waitForEmail } from "../support/inbox.ts";
import { createOrganization, signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";

const confirming = await confirmsEmail();

let browser: Browser;
beforeAll(async () => {
  if (confirming) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closePools();
});

it.skipIf(!confirming)(
  "an invitee signs up on the invitation, confirms by email, comes back to it and accepts",
  async () => {
    const owner = await signUp("confirm-owner", "Cyrus Owner");
    const org = await createOrganization(owner, "Confirm Team");
    const invitee = uniqueEmail("confirm-invitee");
    const { data, error } = await owner.client.functions.invoke("invitations", {
      body: { action: "create", org_id: org.orgId, emails: [invitee], role: "member" },
    });
    expect(error, JSON.stringify(data)).toBeNull();
    const invitationLink = firstLink(await waitForEmail(invitee));

    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(invitationLink);
    await page.getByRole("heading", { name: `Join ${org.name}` }).waitFor();
    await page.getByLabel("Full name").fill("Cora Confirm");
    await page.getByLabel("Password").fill(testPassword);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Confirm your email").waitFor();
    await expectNoSeriousViolations(page);

    // The newest email to the invitee is the confirmation; its link leads back to the invitation.
    const confirmation = await waitForEmail(invitee);
    expect(confirmation.subject).toBe("Confirm your email address");
    await page.goto(firstLink(confirmation));
    await page.getByText(`Signed in as ${invitee}`).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe(new URL(invitationLink).pathname);
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await page.waitForURL(`${stackEnv.SITE_URL}/o/${org.slug}/workspace`, { timeout: 10_000 });
    await context.close();
  },
);
