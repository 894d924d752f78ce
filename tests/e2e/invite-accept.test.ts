// The accept-invite page in Chromium against the local stack, with two browser contexts: an admin
// of a fresh organization invites a new address from the members page; the invitee opens the
// link from the mail catcher, signs up right on the invitation page, accepts and lands in the
// organization with the invited role. The admin opening the same link is told it is for someone
// else, and a broken link gets its own explanation. axe-core checks each state, also at 375 px.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  expectNoSeriousViolations,
  launchBrowser,
  scrollWidth,
  signInOnPage,
} from "../support/browser.ts";
import { uniqueEmail } from "../support/emails.ts";
import { firstLink, waitForEmail } from "../support/inbox.ts";
import { createOrganization, joinAs, signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";
import { testPassword } from "../support/clients.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
}

// An organization of its own, owned by a fresh user, with a fresh admin who joined by invitation.
async function freshOrganization() {
  const owner = await signUp("owner", "Olga Owner");
  const org = await createOrganization(owner, "Invite Test");
  const admin = await joinAs(owner, org.orgId, "admin", "adm", "Adam Admin");
  return { org, admin };
}

it("lets an invitee sign up from the emailed link, accept, and land in the organization", async () => {
  const { org, admin } = await freshOrganization();
  const invitee = uniqueEmail("new");

  // The admin invites the new address from the members page.
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const adminPage = await adminContext.newPage();
  const membersUrl = `${stackEnv.SITE_URL}/o/${org.slug}/members`;
  await signInOnPage(adminPage, membersUrl, admin.email, testPassword);
  await adminPage.getByRole("button", { name: "Invite people" }).click();
  const dialog = adminPage.getByRole("dialog");
  await dialog.getByLabel("Email addresses").fill(invitee);
  await dialog.getByRole("radio", { name: "Member" }).click();
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await dialog.getByRole("list", { name: "Results by address" }).waitFor({ timeout: 15_000 });

  const link = firstLink(await waitForEmail(invitee));
  expect(link).toMatch(
    new RegExp(
      `^${stackEnv.SITE_URL}/invite/[A-Za-z0-9_-]{43}#email=${encodeURIComponent(invitee)}$`,
    ),
  );

  // The admin opening the invitee's link is told plainly that it isn't theirs.
  await adminPage.goto(link);
  await adminPage.getByText("This invitation is for someone else").waitFor();
  expect(await adminPage.getByRole("alert").textContent()).toContain(admin.email);
  await expect
    .poll(() => adminPage.getByRole("button", { name: "Switch account" }).count())
    .toBe(1);
  await expectNoSeriousViolations(adminPage);

  // The invitee, in a browser of their own and on a phone, sees the invitation before signing in.
  const inviteeContext = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await inviteeContext.newPage();
  await page.goto(link);
  await page.getByRole("heading", { name: `Join ${org.name}` }).waitFor();
  const details = await page.locator("dl").textContent();
  // The emailed link carries the address, so the page shows it in full, masked nowhere.
  for (const text of ["Adam Admin", "Member", invitee, "Expires"]) {
    expect(details).toContain(text);
  }
  expect(await page.getByText("n***@test.roster.dev").count()).toBe(0);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);

  // Creating the account happens right there; the page then offers to accept.
  await page.getByLabel("Full name").fill("Nadia New");
  // The link carries the invited address in its fragment, so the form comes prefilled.
  expect(await page.getByLabel("Email").inputValue()).toBe(invitee);
  await page.getByLabel("Password").fill(testPassword);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByText(`Signed in as ${invitee}`).waitFor({ timeout: 10_000 });
  expect(new URL(page.url()).pathname).toBe(new URL(link).pathname);
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "Accept invitation" }).click();
  // A member's first page in the organization is the Workspace (customers, conversations).
  await page.waitForURL(`${stackEnv.SITE_URL}/o/${org.slug}/workspace`, { timeout: 10_000 });
  await page.getByRole("heading", { name: "Workspace" }).waitFor();
  await page.getByRole("button", { name: /switch organization/ }).click();
  expect(await page.getByRole("menuitem", { name: new RegExp(org.name) }).textContent()).toBe(
    `${org.name}Member`,
  );

  // The admin sees the invitee as an active member now.
  await adminPage.goto(membersUrl);
  await adminPage.getByRole("searchbox", { name: "Search by name or email" }).fill(invitee);
  await expect
    .poll(() => adminPage.getByRole("row").filter({ hasText: invitee }).textContent())
    .toMatch(/Member.*Active/);

  // The link was single use.
  await page.goto(link);
  await page.getByRole("heading", { name: "This invitation has already been used" }).waitFor();
  await expectNoSeriousViolations(page);
  await Promise.all([adminContext.close(), inviteeContext.close()]);
});

it("explains a link that isn't valid, before any sign-in", async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${stackEnv.SITE_URL}/invite/${"x".repeat(43)}`);
  await page.getByRole("heading", { name: "This invitation link isn't valid" }).waitFor();
  await page.getByText("What to do next:").waitFor();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);
  await context.close();
});
