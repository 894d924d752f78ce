// The Workspace page in Chromium against the local stack: the demo tenant tables (customers,
// conversations) read and written through PostgREST under the organization's matrix. The screen
// mirrors the role, but the database decides: a viewer gets no edit controls and a forced write
// is refused; a member whose role loses customers.write on the Roles page is told their next
// save failed; a suspended member sees nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoSeriousViolations, launchBrowser, openSignedIn } from "../support/browser.ts";
import { testPassword } from "../support/clients.ts";
import { createOrganization, joinAs, type Person, signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// The demo tables stay in `public` whichever schema Roster's own objects live in.
const customers = (person: Person) => person.client.schema("public").from("customers");

// An owner's fresh organization with one customer, and someone in `role`.
async function workspaceWith(role: "viewer" | "member", label: string) {
  const owner = await signUp(`e2e-ws-${label}-owner`, "Wes Owner");
  const org = await createOrganization(owner, `Workspace ${label}`);
  const { data, error } = await customers(owner)
    .insert({ org_id: org.orgId, name: "Cyrus Client", email: "cyrus@example.com" })
    .select("id")
    .single();
  if (error) throw error;
  const person = await joinAs(owner, org.orgId, role, `e2e-ws-${label}-${role}`, `Wil ${role}`);
  return { owner, org, person, customerId: data.id };
}

async function openWorkspace(slug: string, email: string, password = testPassword): Promise<Page> {
  const url = `${stackEnv.SITE_URL}/o/${slug}/workspace`;
  const page = await openSignedIn(browser, url, email, password);
  await page.getByRole("heading", { name: "Workspace" }).waitFor();
  return page;
}

const customerRow = (page: Page, name: string) =>
  page.getByRole("table", { name: "Customers" }).getByRole("row").filter({ hasText: name });

it("lets a viewer read customers without edit controls, and the database refuses a forced write", async () => {
  const { org, person: viewer, owner, customerId } = await workspaceWith("viewer", "read");
  const page = await openWorkspace(org.slug, viewer.email);

  await customerRow(page, "Cyrus Client").waitFor();
  expect(await customerRow(page, "Cyrus Client").textContent()).toContain("cyrus@example.com");
  expect(await page.getByRole("button", { name: /^Edit / }).count()).toBe(0);
  const add = page.getByRole("button", { name: "New customer" });
  expect(await add.getAttribute("aria-disabled")).toBe("true");
  await add.focus();
  await page
    .getByRole("tooltip")
    .getByText(`Your role in ${org.name}, Viewer, doesn't include customers.write.`)
    .waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("tooltip").waitFor({ state: "detached" });
  await page.getByRole("tab", { name: "Conversations" }).click();
  await page.getByText("No conversations yet.").waitFor();
  await expectNoSeriousViolations(page);
  await page.context().close();

  // What the page leaves out, the database refuses.
  const inserted = await customers(viewer).insert({ org_id: org.orgId, name: "Forced" });
  expect(inserted.error?.code).toBe("42501");
  const updated = await customers(viewer)
    .update({ name: "Renamed" })
    .eq("id", customerId)
    .select("id");
  expect(updated.data).toEqual([]);
  const { data: rows } = await customers(owner).select("name").eq("org_id", org.orgId);
  expect(rows).toEqual([{ name: "Cyrus Client" }]);
});

it("tells a member their save failed once the owner removed customers.write on the Roles page", async () => {
  const { org, owner, person: member } = await workspaceWith("member", "revoke");
  const memberPage = await openWorkspace(org.slug, member.email);
  await memberPage.getByRole("button", { name: "Edit Cyrus Client" }).click();
  const dialog = memberPage.getByRole("dialog", { name: "Edit Cyrus Client" });
  await dialog.getByLabel("Name").fill("Cyrus Renamed");

  // Meanwhile the owner makes Member read-only for customers.
  const ownerPage = await openSignedIn(
    browser,
    `${stackEnv.SITE_URL}/o/${org.slug}/roles`,
    owner.email,
    testPassword,
  );
  await ownerPage.getByRole("button", { name: "Edit Member permissions" }).click();
  await ownerPage.getByLabel("Member: Customers").selectOption("read");
  await ownerPage.getByRole("button", { name: "Review changes" }).click();
  await ownerPage.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
  await ownerPage.getByText("Member permissions saved").waitFor();
  await ownerPage.context().close();

  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.getByText("You don't have permission to do that.").waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  // The refusal refetched the member's access: the edit controls are gone.
  await expect.poll(() => memberPage.getByRole("button", { name: /^Edit / }).count()).toBe(0);
  expect(
    await memberPage.getByRole("button", { name: "New customer" }).getAttribute("aria-disabled"),
  ).toBe("true");
  await customerRow(memberPage, "Cyrus Client").waitFor();
  await memberPage.context().close();
});

it("lets a member add and edit customers, and shows a suspended member nothing", async () => {
  const { org, owner, person: member } = await workspaceWith("member", "suspend");
  const page = await openWorkspace(org.slug, member.email);

  await page.getByRole("button", { name: "New customer" }).click();
  const dialog = page.getByRole("dialog", { name: "New customer" });
  await dialog.getByLabel("Name").fill("Dina Demo");
  await dialog.getByRole("button", { name: "Save" }).click();
  await customerRow(page, "Dina Demo").waitFor();
  await page.getByRole("button", { name: "Edit Cyrus Client" }).click();
  await page.getByRole("dialog").getByLabel("Phone").fill("+98 21 5555 0100");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect.poll(() => customerRow(page, "Cyrus Client").textContent()).toContain("5555 0100");

  const suspended = await owner.client.rpc("suspend_member", {
    p_org_id: org.orgId,
    p_user_id: member.userId,
    p_reason: "On leave",
  });
  expect(suspended.error).toBeNull();
  await page.reload();
  await page.getByRole("heading", { name: `Your access to ${org.name} was suspended` }).waitFor();
  expect(await page.getByText("Cyrus Client").count()).toBe(0);
  await page.context().close();
  const { data: rows } = await customers(member).select("name").eq("org_id", org.orgId);
  expect(rows).toEqual([]);
});
