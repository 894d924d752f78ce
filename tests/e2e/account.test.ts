// A person's own account in Chromium against the local stack: resetting a forgotten password by
// emailed link, changing it from the profile page (with the reauthentication code), and the
// profile page refusing, then carrying out, "Delete my account" (the person stays in their
// team's directory as removed). axe-core checks each new page.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectNoSeriousViolations, launchBrowser, openSignedIn } from "../support/browser.ts";
import { anonClient, testPassword } from "../support/clients.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { emailedCode, firstLink, waitForEmail } from "../support/inbox.ts";
import { createOrganization, joinAs, signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closePools();
});

it("resets a forgotten password from the sign-in page and signs the person in", async () => {
  const person = await signUp("forgot", "Farah Forgot");
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${stackEnv.SITE_URL}/sign-in`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByRole("heading", { name: "Reset your password" }).waitFor();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await page.getByText("Check your email").waitFor();
  await expectNoSeriousViolations(page);

  await page.goto(firstLink(await waitForEmail(person.email)));
  await page.getByRole("heading", { name: "Set a new password" }).waitFor();
  await page.getByText(`For ${person.email}.`).waitFor();
  await expectNoSeriousViolations(page);
  await page.getByLabel("New password").fill("a-new-horse-battery");
  await page.getByRole("button", { name: "Set password and continue" }).click();
  await page.getByRole("button", { name: /user menu/ }).waitFor({ timeout: 10_000 });

  const signIn = await anonClient().auth.signInWithPassword({
    email: person.email,
    password: "a-new-horse-battery",
  });
  expect(signIn.data.user?.id).toBe(person.userId);
  await context.close();
});

it("changes the password from the profile page, with the emailed code once the sign-in is a day old", async () => {
  const person = await signUp("passwd", "Pari Password");
  const page = await openSignedIn(
    browser,
    `${stackEnv.SITE_URL}/profile`,
    person.email,
    testPassword,
  );
  await page.getByRole("heading", { name: "Your profile" }).waitFor();
  // The browser's session, a day later (supabase/config.toml secure_password_change = true).
  await ownerPool.query(
    "update auth.sessions set created_at = now() - interval '25 hours' where user_id = $1",
    [person.userId],
  );

  await page.getByLabel("New password").fill("a-profile-horse-battery");
  await page.getByRole("button", { name: "Change password" }).click();
  const code = page.getByLabel("Code from the email");
  await code.waitFor();
  await expectNoSeriousViolations(page);
  await code.fill(emailedCode(await waitForEmail(person.email)));
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByText("Your password was changed").waitFor();

  const signIn = await anonClient().auth.signInWithPassword({
    email: person.email,
    password: "a-profile-horse-battery",
  });
  expect(signIn.error).toBeNull();
  await page.context().close();
});

it("refuses to delete an owner's account while others belong to their organization, then deletes a member's", async () => {
  const owner = await signUp("acct-owner", "Omid Owner");
  const team = await createOrganization(owner, "Account Team");
  const colleague = await joinAs(owner, team.orgId, "member", "acct-member", "Mina Member");

  const ownerPage = await openSignedIn(
    browser,
    `${stackEnv.SITE_URL}/profile`,
    owner.email,
    testPassword,
  );
  await ownerPage.getByRole("heading", { name: "Your profile" }).waitFor();
  const transfer = ownerPage.getByRole("link", { name: `Transfer ownership of ${team.name}` });
  await transfer.waitFor();
  expect(await ownerPage.getByRole("button", { name: "Delete my account" }).count()).toBe(0);
  await expectNoSeriousViolations(ownerPage);
  await transfer.click();
  await ownerPage.waitForURL(`${stackEnv.SITE_URL}/o/${team.slug}/settings`);

  const page = await openSignedIn(
    browser,
    `${stackEnv.SITE_URL}/profile`,
    colleague.email,
    testPassword,
  );
  const organizations = page.getByRole("heading", { name: "Organizations" }).locator("../..");
  await expect.poll(() => organizations.textContent()).toContain(`${team.name}Member`);
  await page.getByRole("button", { name: "Delete my account" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/to confirm/).fill(colleague.email);
  await expectNoSeriousViolations(page);
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor({ timeout: 10_000 });

  const { rowCount } = await ownerPool.query("select 1 from auth.users where id = $1", [
    colleague.userId,
  ]);
  expect(rowCount).toBe(0);

  // The team keeps them as a removed member, under the name and email they had.
  await ownerPage.goto(`${stackEnv.SITE_URL}/o/${team.slug}/members`);
  await ownerPage.getByRole("switch", { name: "Show removed" }).click();
  const removed = ownerPage.getByRole("row").filter({ hasText: colleague.email });
  await expect.poll(() => removed.textContent()).toMatch(/Mina Member.*Removed/);
  await removed.getByRole("button", { name: "Mina Member", exact: true }).click();
  await ownerPage
    .getByRole("dialog", { name: "Mina Member" })
    .getByText("This person's account was deleted.")
    .waitFor();
  await Promise.all([ownerPage.context().close(), page.context().close()]);
});
