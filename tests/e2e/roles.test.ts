// The roles page in Chromium against the local stack: the seeded owner reads Tehran Dental's
// matrix and previews a role; a fresh owner edits their own organization's matrix, sees what
// changes and whom it affects before saving, and the server then enforces and audits it.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { demoOwner, demoPassword } from "../../supabase/local/demo.ts";
import {
  expectNoSeriousViolations,
  launchBrowser,
  openSignedIn,
  scrollWidth,
} from "../support/browser.ts";
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

async function signIn(slug: string, email: string, password: string, width = 1280) {
  const url = `${stackEnv.SITE_URL}/o/${slug}/roles`;
  const page = await openSignedIn(browser, url, email, password, {
    viewport: { width, height: 900 },
  });
  await matrix(page).waitFor();
  return page;
}

const matrix = (page: Page) => page.getByRole("table", { name: "Permission matrix" });

function cell(page: Page, area: string, column: number) {
  return matrix(page)
    .getByRole("row", { name: new RegExp(`^${area}`) })
    .getByRole("cell")
    .nth(column);
}

it("shows Tehran Dental's matrix by area and previews what a role sees", async () => {
  const page = await signIn("tehran-dental", demoOwner.email, demoPassword);
  // Columns: Owner, Admin, Member, Viewer.
  expect(await cell(page, "Audit log", 0).textContent()).toBe("Full");
  expect(await cell(page, "Audit log", 3).textContent()).toBe("Read only");
  expect(await cell(page, "Members", 2).textContent()).toBe("No access");
  expect(await cell(page, "Customers", 3).textContent()).toBe("Read only");

  await page.getByLabel("Preview role").selectOption("viewer");
  const pages = page.getByRole("list", { name: "Pages a Viewer sees" });
  expect(await pages.getByRole("listitem").allTextContents()).toEqual([
    "Members (not allowed)",
    "Roles (not allowed)",
    "Audit log (allowed)",
    "Workspace (allowed)",
    "Settings (allowed)",
  ]);
  await expectNoSeriousViolations(page);
  await page.context().close();
});

it("lets an owner edit a role, previews the change and its reach, and saves it", async () => {
  // A fresh organization, so the shared demo matrix stays as seeded: an owner and one admin.
  const owner = await signUp("e2e-roles-owner", "Rhea Owner");
  const org = await createOrganization(owner, "Roles");
  await joinAs(owner, org.orgId, "admin", "e2e-roles-admin", "Adam Admin");

  const page = await signIn(org.slug, owner.email, testPassword);
  await page.getByRole("button", { name: "Edit Admin permissions" }).click();
  await page.getByLabel("Admin: Audit log").selectOption("read");
  await page.getByLabel("Admin: Members").selectOption("none");
  // The preview follows the unsaved draft.
  await page.getByText("Including your unsaved changes.").waitFor();
  expect(
    await page
      .getByRole("list", { name: "Pages an Admin sees" })
      .getByRole("listitem")
      .allTextContents(),
  ).toContain("Members (not allowed)");

  await page.getByRole("button", { name: "Review changes" }).click();
  const dialog = page.getByRole("dialog", { name: "Save Admin permissions?" });
  await dialog.getByText("Affects 1 active member with the Admin role").waitFor();
  expect(
    await dialog.getByRole("list", { name: "Changes" }).getByRole("listitem").allTextContents(),
  ).toEqual([
    "Members: Full→toNo accessLoses: View members and invitations, Invite, resend and revoke invitations, Change roles, suspend, reactivate and remove members",
    "Audit log: Full→toRead onlyLoses: Export the audit log",
  ]);
  await expectNoSeriousViolations(page);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByText("Admin permissions saved").waitFor();
  await expect.poll(() => cell(page, "Audit log", 1).textContent()).toBe("Read only");

  // The server enforces the saved matrix and recorded one event.
  const { data: granted } = await owner.client
    .from("role_permissions")
    .select("permission")
    .eq("org_id", org.orgId)
    .eq("role", "admin")
    .like("permission", "audit.%");
  expect(granted).toEqual([{ permission: "audit.read" }]);
  const { data: events } = await owner.client
    .from("audit_events")
    .select("action, after")
    .eq("org_id", org.orgId)
    .eq("action", "permissions.updated");
  expect(events).toHaveLength(1);
  await page.context().close();
});

it("sets single permissions: an admin who may invite but not change roles, enforced by the server", async () => {
  const owner = await signUp("e2e-fine-owner", "Fina Owner");
  const org = await createOrganization(owner, "Fine");
  const admin = await joinAs(owner, org.orgId, "admin", "e2e-fine-admin", "Ali Admin");
  const member = await joinAs(owner, org.orgId, "member", "e2e-fine-member", "Mia Member");

  const page = await signIn(org.slug, owner.email, testPassword);
  await page.getByRole("button", { name: "Edit Admin permissions" }).click();
  await page.getByRole("switch", { name: "Single permissions" }).click();
  await page
    .getByRole("group", { name: "Admin: Members" })
    .getByRole("checkbox", { name: "Change roles, suspend, reactivate and remove members" })
    .uncheck();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Review changes" }).click();
  const dialog = page.getByRole("dialog", { name: "Save Admin permissions?" });
  expect(await dialog.getByRole("list", { name: "Changes" }).textContent()).toBe(
    "Members: Full→toPartialLoses: Change roles, suspend, reactivate and remove members",
  );
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Admin permissions saved").waitFor();
  await page.context().close();

  // The admin may still invite, but the server refuses a role change.
  const invited = await admin.client.rpc("create_invitations", {
    p_org_id: org.orgId,
    p_emails: [`fine-${Date.now()}@example.com`],
    p_role: "viewer",
  });
  expect(invited.error).toBeNull();
  const changed = await admin.client.rpc("change_member_role", {
    p_org_id: org.orgId,
    p_user_id: member.userId,
    p_role: "viewer",
    p_reason: "not allowed any more",
  });
  expect(changed.error?.hint).toBe("forbidden");
});

it("fits 375 px: the matrix scrolls inside its frame, the page does not, and says so", async () => {
  const page = await signIn("tehran-dental", demoOwner.email, demoPassword, 375);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  expect(await page.getByText("Scroll sideways to see every role.").isVisible()).toBe(true);
  await expectNoSeriousViolations(page);
  await page.context().close();
});
