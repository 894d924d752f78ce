// The members page in Chromium against the local stack: the seeded owner invites, changes a role,
// suspends, reactivates and removes; the seeded admin finds the owner out of reach, and the server
// refuses when the admin forces the request anyway. axe-core checks the page at desktop and 375 px.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { demoAdmin, demoOwner, demoPassword } from "../../supabase/local/demo.ts";
import {
  expectNoSeriousViolations,
  launchBrowser,
  openSignedIn,
  scrollWidth,
} from "../support/browser.ts";
import { closePools, createUser } from "../support/db.ts";
import { addMember } from "../support/org.ts";
import { stackEnv } from "../support/stack.ts";

const orgId = "10000000-0000-4000-a000-000000000001";
const membersUrl = `${stackEnv.SITE_URL}/o/tehran-dental/members`;
const owner = {
  role: "authenticated" as const,
  userId: "00000000-0000-4000-a000-000000000001",
  email: demoOwner.email,
};

// What the page functions below use of the browser (this project's Node typings have no DOM).
interface BrowserWindow {
  document: { getAnimations(): { playState: string }[]; documentElement: { scrollWidth: number } };
  localStorage: { getItem(key: string): string | null; [key: string]: unknown };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closePools();
});

async function signIn(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await openSignedIn(browser, membersUrl, email, demoPassword, { viewport });
  await page.getByRole("table", { name: "Members" }).waitFor();
  return page;
}

// Rows are virtualized: search first so the person is on screen however long the list has grown.
async function search(page: Page, query: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search by name or email" }).fill(query);
}

function row(page: Page, text: string) {
  return page.getByRole("row").filter({ hasText: text });
}

async function choose(page: Page, who: string, action: string): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${who}` }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

async function submitWithReason(page: Page, button: string, reason: string): Promise<void> {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: button }).click();
  await dialog.waitFor({ state: "detached" });
}

it("lets the owner invite, change a role, suspend, reactivate and remove", async () => {
  // Someone to remove, fresh on every run: a confirmed user who joined through an invitation.
  const leaverName = `Leaver ${Date.now()}`;
  const leaver = await createUser("e2e-leaver", leaverName);
  await addMember(orgId, owner, leaver, "viewer");

  const page = await signIn(demoOwner.email);
  await expectNoSeriousViolations(page);

  // Invite two addresses at once; each gets its own result, then both show as Invited.
  const stamp = Date.now();
  const invitees = [`e2e-${stamp}-a@example.com`, `e2e-${stamp}-b@example.com`];
  await page.getByRole("button", { name: "Invite people" }).click();
  await page.getByRole("dialog", { name: "Invite people to Tehran Dental" }).waitFor();
  // The dialog keeps its place but retitles itself once the results are in.
  const invite = page.getByRole("dialog");
  await invite.getByLabel("Email addresses").fill(invitees.join(", "));
  await invite.getByRole("radio", { name: "Viewer" }).click();
  await invite.getByRole("button", { name: "Send 2 invitations" }).click();
  const results = invite.getByRole("list", { name: "Results by address" });
  await results.waitFor({ timeout: 15_000 });
  expect(await results.getByRole("listitem").allTextContents()).toEqual(
    invitees.map((email) => `${email}Invitation sent`),
  );
  await expectNoSeriousViolations(page);
  await invite.getByRole("button", { name: "Done" }).click();
  await search(page, `e2e-${stamp}`);
  for (const email of invitees)
    await expect.poll(() => row(page, email).textContent()).toContain("Invited");

  // Change Marcus's role (to whichever of member/viewer he doesn't have), with a reason.
  await search(page, "marcus");
  const marcusRole = (
    await row(page, "marcus@tehrandental.co").getByRole("cell").nth(1).textContent()
  )?.trim();
  const newRole = marcusRole === "Viewer" ? "Member" : "Viewer";
  await choose(page, "Marcus Lee", "Change role");
  await page.getByRole("dialog").getByRole("radio", { name: newRole }).click();
  await submitWithReason(page, "Change role", "E2E: role change");
  await page.getByText(`Marcus Lee is now a ${newRole}`).waitFor();
  await expect
    .poll(() => row(page, "marcus@tehrandental.co").getByRole("cell").nth(1).textContent())
    .toBe(newRole);

  // Suspend Priya, then reactivate her.
  await search(page, "priya");
  await choose(page, "Priya Raman", "Suspend");
  await submitWithReason(page, "Suspend", "E2E: suspend");
  await expect.poll(() => row(page, "priya@tehrandental.co").textContent()).toContain("Suspended");
  // Her drawer says who suspended her and why, with the event from the audit log.
  await row(page, "priya@tehrandental.co")
    .getByRole("button", { name: "Priya Raman", exact: true })
    .click();
  const drawer = page.getByRole("dialog", { name: "Priya Raman" });
  await expect.poll(() => drawer.textContent()).toContain("Suspended by Amelia Hart on");
  await expect
    .poll(() => drawer.getByRole("list", { name: "Recent activity" }).textContent())
    .toContain("“E2E: suspend”");
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  await choose(page, "Priya Raman", "Reactivate");
  await submitWithReason(page, "Reactivate", "E2E: reactivate");
  await expect.poll(() => row(page, "priya@tehrandental.co").textContent()).toContain("Active");

  // Remove the fresh member: gone from the list, back behind "Show removed".
  await search(page, leaver.email);
  await choose(page, leaverName, "Remove");
  await submitWithReason(page, "Remove member", "E2E: remove");
  await expect.poll(() => row(page, leaver.email).count()).toBe(0);
  await page.getByRole("switch", { name: "Show removed" }).click();
  await expect.poll(() => row(page, leaver.email).textContent()).toContain("Removed");

  // A removed member can be invited again, with their old role.
  await choose(page, leaverName, "Invite again");
  const again = page.getByRole("dialog");
  expect(await again.getByRole("radio", { name: "Viewer" }).isChecked()).toBe(true);
  await again.getByRole("button", { name: "Send invitation" }).click();
  await again.getByRole("list", { name: "Results by address" }).waitFor({ timeout: 15_000 });
  expect(await again.getByRole("listitem").textContent()).toBe(`${leaver.email}Invitation sent`);
  await again.getByRole("button", { name: "Done" }).click();
  await page.context().close();
});

it("keeps every invitation in the Invitations tab, and sends a revoked one again", async () => {
  const email = `e2e-${Date.now()}-history@example.com`;
  const page = await signIn(demoOwner.email);
  await page.getByRole("button", { name: "Invite people" }).click();
  const invite = page.getByRole("dialog");
  await invite.getByLabel("Email addresses").fill(email);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await invite.getByRole("list", { name: "Results by address" }).waitFor({ timeout: 15_000 });
  await invite.getByRole("button", { name: "Done" }).click();
  await search(page, email);
  await choose(page, email, "Revoke invitation");
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect.poll(() => row(page, email).count()).toBe(0);

  await page.getByRole("tab", { name: "Invitations" }).click();
  await page.getByRole("combobox", { name: "Invitation status" }).selectOption("revoked");
  const item = page.getByRole("list", { name: "Invitations" }).getByRole("listitem").filter({
    hasText: email,
  });
  await expect.poll(() => item.textContent()).toContain("Revoked by Amelia Hart");
  await expectNoSeriousViolations(page);

  await choose(page, email, "Invite again");
  const again = page.getByRole("dialog");
  await again.getByRole("button", { name: "Send invitation" }).click();
  await again.getByRole("list", { name: "Results by address" }).waitFor({ timeout: 15_000 });
  await again.getByRole("button", { name: "Done" }).click();
  await page.getByRole("combobox", { name: "Invitation status" }).selectOption("pending");
  await expect
    .poll(() =>
      page
        .getByRole("list", { name: "Invitations" })
        .getByRole("listitem")
        .filter({
          hasText: email,
        })
        .textContent(),
    )
    .toContain("Pending");
  await page.context().close();
});

it("returns focus to the Actions button a dialog was opened from, by keyboard only", async () => {
  const page = await signIn(demoOwner.email);
  await search(page, "marcus");
  const actions = page.getByRole("button", { name: "Actions for Marcus Lee" });
  // Tab from the search box until the Actions button has focus.
  for (let step = 0; step < 30; step += 1) {
    if (await actions.evaluate((element) => element === element.ownerDocument.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await page.keyboard.press("Enter");
  await page.getByRole("menu").waitFor();
  // The first item is Change role; Enter opens its dialog.
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Change the role of Marcus Lee" }).waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });
  await expect
    .poll(() => actions.evaluate((element) => element === element.ownerDocument.activeElement))
    .toBe(true);
  await page.context().close();
});

it("works at 375 px wide without sideways scrolling, and stays accessible", async () => {
  const page = await signIn(demoOwner.email, { width: 375, height: 800 });
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  await expectNoSeriousViolations(page);
  await page.context().close();
});

it("shows the admin the owner out of reach, and the server refuses a forced request", async () => {
  const page = await signIn(demoAdmin.email);
  await search(page, "@tehrandental.co");

  for (const [who, action, reason] of [
    ["Amelia Hart", "Change role", "The owner's role changes only through an ownership transfer"],
    ["Amelia Hart", "Suspend", "The owner can't be suspended"],
    ["Amelia Hart", "Remove", "Transfer ownership before removing the owner"],
    ["Daniel Cho", "Remove", "You can't remove yourself"],
  ] as const) {
    await page.getByRole("button", { name: `Actions for ${who}` }).click();
    const item = page.getByRole("menuitem", { name: action });
    expect(await item.getAttribute("aria-disabled")).toBe("true");
    expect(
      await item
        .getAttribute("aria-describedby")
        .then((id) => page.locator(`[id="${id}"]`).textContent()),
    ).toBe(reason);
    // Choosing it does nothing: the menu stays, no dialog opens.
    // (force: Playwright itself declines to click what says it is disabled)
    await item.click({ force: true });
    expect(await page.getByRole("menu").count()).toBe(1);
    expect(await page.getByRole("dialog").count()).toBe(0);
    await page.keyboard.press("Escape");
  }

  // The UI only hides the action; send it anyway with the admin's own session.
  const answer = await page.evaluate(
    async ({ apiUrl, anonKey, orgId, ownerId }) => {
      const { localStorage } = globalThis as unknown as BrowserWindow;
      const key = Object.keys(localStorage).find((name) => name.endsWith("-auth-token"))!;
      const { access_token } = JSON.parse(localStorage.getItem(key)!) as { access_token: string };
      const response = await fetch(`${apiUrl}/rest/v1/rpc/remove_member`, {
        method: "POST",
        headers: {
          apikey: anonKey,
          authorization: `Bearer ${access_token}`,
          "content-type": "application/json",
          "content-profile": "roster",
        },
        body: JSON.stringify({ p_org_id: orgId, p_user_id: ownerId, p_reason: "forced" }),
      });
      return { status: response.status, body: (await response.json()) as { hint: string } };
    },
    { apiUrl: stackEnv.API_URL, anonKey: stackEnv.ANON_KEY, orgId, ownerId: owner.userId },
  );
  expect(answer.status).toBe(400);
  expect(answer.body.hint).toBe("last_owner");

  await page.reload();
  await page.getByRole("table", { name: "Members" }).waitFor();
  expect(await row(page, "amelia@tehrandental.co").textContent()).toContain("Active");
  await page.context().close();
});
