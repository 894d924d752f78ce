// Ownership transfer and settings in Chromium against the local stack, with two browser contexts:
// the owner of a fresh organization offers ownership to a member (typing the organization's name),
// cancels, offers again; the member sees the offer in a banner, accepts, and the app shows the
// swapped roles at once. The former owner's settings then offer "Leave". axe-core checks each
// page, also at 375 px. (The demo organization's owner is left alone: other tests rely on it.)
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  expectNoSeriousViolations,
  launchBrowser,
  openSignedIn,
  scrollWidth,
} from "../support/browser.ts";
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

async function signIn(email: string, url: string, viewport = { width: 1280, height: 900 }) {
  return openSignedIn(browser, url, email, testPassword, { viewport });
}

async function freshOrganization() {
  const owner = await signUp("own", "Olga Owner");
  const org = await createOrganization(owner, "Transfer Test");
  const member = await joinAs(owner, org.orgId, "member", "tgt", "Tara Target");
  return { org, owner, member };
}

async function requestTransfer(page: Page, orgName: string, memberEmail: string) {
  await page.getByRole("button", { name: "Transfer ownership" }).click();
  const dialog = page.getByRole("dialog", { name: `Transfer ownership of ${orgName}` });
  await dialog.getByLabel("New owner").selectOption({
    label: `Tara Target (${memberEmail}) · Member`,
  });
  const submit = dialog.getByRole("button", { name: "Request transfer" });
  await dialog.getByLabel(`Type ${orgName} to confirm`).fill(orgName.toUpperCase());
  expect(await submit.isDisabled()).toBe(true);
  await dialog.getByLabel(`Type ${orgName} to confirm`).fill(orgName);
  await submit.click();
  await dialog.waitFor({ state: "detached" });
  await page.getByText("Waiting for Tara Target to accept").waitFor();
}

it("hands ownership to a member who accepts from the banner, and shows the swapped roles", async () => {
  const { org, owner, member } = await freshOrganization();
  const settingsUrl = `${stackEnv.SITE_URL}/o/${org.slug}/settings`;

  const ownerPage = await signIn(owner.email, settingsUrl);
  await ownerPage.getByRole("heading", { name: "Team information" }).waitFor();
  // The owner can't leave, and is told why; deleting is theirs alone.
  await ownerPage.getByText("You're the owner, so you can't leave").waitFor();
  expect(await ownerPage.getByRole("button", { name: "Leave organization" }).count()).toBe(0);
  expect(await ownerPage.getByRole("button", { name: "Delete organization" }).count()).toBe(1);
  await expectNoSeriousViolations(ownerPage);

  // Offer, cancel, offer again.
  await requestTransfer(ownerPage, org.name, member.email);
  await expectNoSeriousViolations(ownerPage);
  await ownerPage.getByRole("button", { name: "Cancel request" }).click();
  await ownerPage.getByRole("button", { name: "Transfer ownership" }).waitFor();
  await requestTransfer(ownerPage, org.name, member.email);

  // The member, on a phone, sees the offer wherever they are in the app.
  const memberPage = await signIn(member.email, settingsUrl, {
    width: 375,
    height: 800,
  });
  const banner = memberPage.getByRole("region", {
    name: `You're invited to become the owner of ${org.name}`,
  });
  await banner.waitFor();
  await memberPage.getByRole("heading", { name: "Settings" }).waitFor();
  expect(await scrollWidth(memberPage)).toBeLessThanOrEqual(375);
  await expectNoSeriousViolations(memberPage);

  // Accepting swaps the roles on screen at once: the new owner's Settings page grows the
  // owner-only parts, and the Members page appears in their navigation.
  await banner.getByRole("button", { name: "Accept ownership" }).click();
  await banner.waitFor({ state: "detached" });
  await memberPage.getByRole("button", { name: "Delete organization" }).waitFor();
  await memberPage.getByRole("link", { name: "Members" }).click();
  await memberPage.waitForURL(`${stackEnv.SITE_URL}/o/${org.slug}/members`, { timeout: 10_000 });
  const roleOf = (email: string) =>
    memberPage.getByRole("row").filter({ hasText: email }).getByRole("cell").nth(1).textContent();
  await expect.poll(() => roleOf(member.email)).toBe("Owner");
  await expect.poll(() => roleOf(owner.email)).toBe("Admin");

  // The former owner is an admin now: no ownership or delete, and leaving is offered.
  await ownerPage.reload();
  await ownerPage.getByRole("button", { name: "Leave organization" }).waitFor();
  expect(await ownerPage.getByRole("heading", { name: "Ownership" }).count()).toBe(0);
  expect(await ownerPage.getByRole("button", { name: "Delete organization" }).count()).toBe(0);
  await expectNoSeriousViolations(ownerPage);
  await Promise.all([ownerPage.context().close(), memberPage.context().close()]);
});
