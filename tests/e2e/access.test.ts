// Issue 12 in Chromium against the local stack: a page the role may not use names the
// permission it needs; a suspended member's org URL says they were suspended; an invitation to
// the user's confirmed address is answered from the home page. axe at 1440 px and 375 px.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoSeriousViolations, launchBrowser, openSignedIn } from "../support/browser.ts";
import { testPassword } from "../support/clients.ts";
import { createOrganization, joinAs, signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function atBothWidths(page: Page) {
  await expectNoSeriousViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoSeriousViolations(page);
}

it("a viewer at the members URL sees a no-access page naming members.read", async () => {
  const owner = await signUp("e2e-noaccess-owner", "Nadia Owner");
  const org = await createOrganization(owner, "NoAccess");
  const viewer = await joinAs(owner, org.orgId, "viewer", "e2e-noaccess-viewer", "Vera Viewer");
  const url = `${stackEnv.SITE_URL}/o/${org.slug}/members`;
  const page = await openSignedIn(browser, url, viewer.email, testPassword, {
    viewport: { width: 1440, height: 900 },
  });

  await page.getByRole("heading", { name: "You don't have access to Members" }).waitFor();
  expect(await page.getByRole("main").textContent()).toContain(
    "Members needs the members.read permission",
  );
  await atBothWidths(page);
  await page.context().close();
});

it("a suspended member opening the org's URL is told they were suspended, and when", async () => {
  const owner = await signUp("e2e-suspend-owner", "Sara Owner");
  const org = await createOrganization(owner, "Suspended Co");
  const admin = await joinAs(owner, org.orgId, "admin", "e2e-suspend-admin", "Dan Admin");
  const { error } = await owner.client.rpc("suspend_member", {
    p_org_id: org.orgId,
    p_user_id: admin.userId,
    p_reason: "On leave",
  });
  if (error) throw error;
  const url = `${stackEnv.SITE_URL}/o/${org.slug}`;
  const page = await openSignedIn(browser, url, admin.email, testPassword, {
    viewport: { width: 1440, height: 900 },
  });

  await page
    .getByRole("heading", { name: new RegExp(`^Your access to ${org.name} was suspended on `) })
    .waitFor();
  expect(await page.getByText("Organization not found").count()).toBe(0);
  await atBothWidths(page);
  await page.context().close();
});

it("an invitation to the user's address is accepted from the home page", async () => {
  const owner = await signUp("e2e-inapp-owner", "Ines Owner");
  const org = await createOrganization(owner, "Invites Inc");
  const invitee = await signUp("e2e-inapp-invitee", "Ivan Invitee");
  const { error } = await owner.client.rpc("create_invitations", {
    p_org_id: org.orgId,
    p_emails: [invitee.email],
    p_role: "member",
  });
  if (error) throw error;
  const page = await openSignedIn(browser, `${stackEnv.SITE_URL}/`, invitee.email, testPassword, {
    viewport: { width: 1440, height: 900 },
  });

  await page.getByText(`Ines Owner invited you to join ${org.name} as Member`).waitFor();
  await atBothWidths(page);
  await page.getByRole("button", { name: `Accept the invitation to ${org.name}` }).click();
  await page.waitForURL(new RegExp(`/o/${org.slug}`));
  await page.getByText(`You joined ${org.name} as Member.`).waitFor();
  await page.context().close();
});
