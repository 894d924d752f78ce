// The audit log in Chromium against the local stack: the seeded owner reads seeded events in
// plain words, filters them (kept in the URL), opens the detail drawer, exports exactly what is
// shown and sees the chain verified; a fresh viewer reads the log but gets no Members page, and
// the server refuses a members request forced with their session. axe-core checks each page.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { demoOwner, demoPassword } from "../../supabase/local/demo.ts";
import {
  expectNoSeriousViolations,
  launchBrowser,
  openSignedIn,
  scrollWidth,
} from "../support/browser.ts";
import { anonClient, testPassword } from "../support/clients.ts";
import { joinAs } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";
import { profileHeaders } from "../support/rest-profile.ts";

const orgId = "10000000-0000-4000-a000-000000000001";
const auditUrl = `${stackEnv.SITE_URL}/o/tehran-dental/audit`;

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
});

async function signIn(email: string, password: string, viewport = { width: 1280, height: 900 }) {
  const page = await openSignedIn(browser, auditUrl, email, password, {
    viewport,
    acceptDownloads: true,
  });
  await auditTable(page).waitFor();
  return page;
}

const auditTable = (page: Page) => page.getByRole("table", { name: "Audit events, newest first" });

// Calls the REST API from inside the page with the signed-in user's own session.
function forcedRequest(page: Page, path: string, init: { method: string; body?: unknown }) {
  return page.evaluate(
    async ({ apiUrl, anonKey, path, init, profile }) => {
      const { localStorage } = globalThis as unknown as BrowserWindow;
      const key = Object.keys(localStorage).find((name) => name.endsWith("-auth-token"))!;
      const { access_token } = JSON.parse(localStorage.getItem(key)!) as { access_token: string };
      const response = await fetch(`${apiUrl}${path}`, {
        method: init.method,
        headers: {
          apikey: anonKey,
          authorization: `Bearer ${access_token}`,
          "content-type": "application/json",
          ...profile,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    {
      apiUrl: stackEnv.API_URL,
      anonKey: stackEnv.ANON_KEY,
      path,
      init,
      profile: profileHeaders(init.method, path),
    },
  );
}

it("shows the owner seeded events in plain words, filters, details, export and integrity", async () => {
  const page = await signIn(demoOwner.email, demoPassword);
  await page.getByText("Integrity verified").waitFor();
  await expectNoSeriousViolations(page);

  // Filters go into the URL, so the view can be shared.
  await page.getByLabel("Action").selectOption("member.role_changed");
  await page.getByRole("searchbox", { name: "Search the audit log" }).fill("front-desk");
  await page.waitForURL(/q=front-desk/);
  const url = new URL(page.url());
  expect(url.searchParams.get("action")).toBe("member.role_changed");
  const sentence = "Daniel Cho changed Marcus Lee's role from Viewer to Member";
  await expect.poll(() => auditTable(page).getByRole("row").count()).toBe(2);
  const row = auditTable(page).getByRole("row").nth(1);
  expect(await row.textContent()).toContain(sentence);
  expect(await row.textContent()).toContain("Now handling front-desk chats");

  // The shared link shows the same view.
  await page.goto(page.url());
  await auditTable(page).getByText(sentence).waitFor();

  // The drawer, opened by keyboard: before/after as a diff, and the request it came from.
  const details = auditTable(page).getByRole("button", { name: /Details of event/ });
  await details.focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog", { name: sentence });
  await drawer.waitFor();
  const diff = drawer.getByRole("table", { name: "Before and after" });
  expect(await diff.getByRole("row").nth(1).textContent()).toBe("RoleViewerMember");
  expect(await drawer.textContent()).toContain("198.51.100.7");
  expect(await drawer.textContent()).toContain("Windows NT 10.0");
  await expectNoSeriousViolations(page);
  await page.keyboard.press("Escape");
  await drawer.waitFor({ state: "detached" });
  // Focus is back on the button that opened it, not on the page body.
  await expect
    .poll(() => details.evaluate((element) => element === element.ownerDocument.activeElement))
    .toBe(true);

  // The export holds exactly the events on screen.
  const eventId = new URL(page.url()).searchParams.get("event");
  expect(eventId).toBeNull();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("button", { name: "Export" })
      .click()
      .then(() => page.getByRole("menuitem", { name: "JSON Lines" }).click()),
  ]);
  expect(download.suggestedFilename()).toBe(
    `audit-tehran-dental-${new Date().toISOString().slice(0, 10)}.jsonl`,
  );
  const lines = (await readFile((await download.path())!, "utf8")).trim().split("\n");
  const exported = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(exported[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(exported.map((event) => [event.action, event.reason])).toEqual([
    ["member.role_changed", "Now handling front-desk chats and patient follow-ups."],
  ]);
  await page.getByText("Exported 1 event").waitFor();

  // Clearing the filters brings back the whole log, newest first.
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect.poll(() => new URL(page.url()).search).toBe("");
  await expect.poll(() => auditTable(page).getByRole("row").count()).toBeGreaterThan(15);
  await page.context().close();
});

it("works at 375 px wide without sideways scrolling, and stays accessible", async () => {
  const page = await signIn(demoOwner.email, demoPassword, { width: 375, height: 800 });
  await page.getByText("Integrity verified").waitFor();
  expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
  await expectNoSeriousViolations(page);
  // Every row's Details button is on screen, not clipped by the table's frame.
  const box = await auditTable(page)
    .getByRole("button", { name: /Details of event/ })
    .first()
    .boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  // The five filters fold behind one button until asked for.
  expect(await page.getByLabel("Action").isVisible()).toBe(false);
  await page.getByRole("button", { name: "Filters" }).click();
  expect(await page.getByLabel("Action").isVisible()).toBe(true);
  await expectNoSeriousViolations(page);
  await page.context().close();
});

it("lets a viewer read the log without the Members page, and the server refuses members requests", async () => {
  // A fresh person who joined Tehran Dental as a viewer through an invitation.
  const owner = anonClient();
  const signedIn = await owner.auth.signInWithPassword({
    email: demoOwner.email,
    password: demoPassword,
  });
  expect(signedIn.error).toBeNull();
  const viewer = await joinAs({ client: owner }, orgId, "viewer", "e2e-viewer", "Vera Viewer");

  const page = await signIn(viewer.email, testPassword);
  const nav = page.getByRole("navigation", { name: "Tehran Dental sections" });
  expect(await nav.getByRole("link").allTextContents()).toEqual([
    "Audit log",
    "Workspace",
    "Settings",
  ]);
  await page.getByText("Integrity verified").waitFor();
  // The viewer's own joining is in the log, in words.
  await page.getByRole("searchbox", { name: "Search the audit log" }).fill(viewer.email);
  await auditTable(page)
    .getByText("Vera Viewer accepted the invitation and joined as Viewer")
    .waitFor();
  expect(await page.getByRole("button", { name: "Export" }).count()).toBe(0);
  await expectNoSeriousViolations(page);

  // The UI only hides Members; the server is what refuses.
  const directory = await forcedRequest(page, `/rest/v1/member_directory?org_id=eq.${orgId}`, {
    method: "GET",
  });
  expect(directory).toEqual({ status: 200, body: [] });
  const removal = await forcedRequest(page, "/rest/v1/rpc/remove_member", {
    method: "POST",
    body: { p_org_id: orgId, p_user_id: signedIn.data.user!.id, p_reason: "forced" },
  });
  expect(removal.status).toBe(403);
  expect(removal.body).toMatchObject({ hint: "forbidden" });

  await page.goto(`${stackEnv.SITE_URL}/o/tehran-dental/members`);
  await page.getByRole("heading", { name: "Members" }).waitFor();
  expect(await page.getByRole("table", { name: "Members" }).count()).toBe(0);
  await page.context().close();
});
