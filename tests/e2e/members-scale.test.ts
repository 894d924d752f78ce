// How the members page copes with 10,000 members in Chromium. The directory read is answered
// from the browser with 10,000 synthetic rows (paged like PostgREST), so nothing is written to the
// stack; everything else — sign-in, the SPA's build, the matrix, the invitations — is real.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { demoOwner, demoPassword } from "../../supabase/local/demo.ts";
import { launchBrowser } from "../support/browser.ts";
import { stackEnv } from "../support/stack.ts";

const count = 10_000;
const orgId = "10000000-0000-4000-a000-000000000001";

const directory = Array.from({ length: count }, (_, index) => {
  const n = String(index).padStart(5, "0");
  return {
    membership_id: `00000000-0000-4000-c000-0000000${n}`,
    user_id: `00000000-0000-4000-b000-0000000${n}`,
    display_name: `Person ${n}`,
    email: `person-${n}@scale.test`,
    role: index % 4 === 0 ? "viewer" : "member",
    status: index % 50 === 0 ? "suspended" : "active",
    invited_by_name: "Amelia Hart",
    joined_at: new Date(Date.now() - index * 60_000).toISOString(),
    last_active_at: new Date(Date.now() - index * 1_000).toISOString(),
  };
});

// What the page function below uses of the browser (this project's Node typings have no DOM).
interface BrowserWindow {
  document: {
    documentElement: { scrollHeight: number };
    querySelectorAll(selector: string): { length: number };
  };
  innerHeight: number;
  scrollTo(x: number, y: number): void;
  requestAnimationFrame(callback: () => void): number;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("keeps 10,000 members virtualized and finds one by search", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.route("**/rest/v1/member_directory?**", (route) => {
    const url = new URL(route.request().url());
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? count);
    return route.fulfill({
      json: directory.slice(offset, offset + limit).map((row) => ({ ...row, org_id: orgId })),
    });
  });

  await page.goto(`${stackEnv.SITE_URL}/sign-in`);
  await page.getByLabel("Email").fill(demoOwner.email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("table", { name: "Members" }).waitFor({ timeout: 15_000 });

  // Jump through the whole list in a few steps: each step shows new rows, and the DOM only ever
  // holds about a screenful of them. (Frame timings belong in `npm run bench`, not in a test.)
  const maxRowsInDom = await page.evaluate(async () => {
    const { document, innerHeight, scrollTo, requestAnimationFrame } =
      globalThis as unknown as BrowserWindow;
    const total = document.documentElement.scrollHeight - innerHeight;
    let maxRows = 0;
    for (let step = 1; step <= 10; step += 1) {
      scrollTo(0, (total / 10) * step);
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      maxRows = Math.max(maxRows, document.querySelectorAll('[role="row"]').length);
    }
    return maxRows;
  });
  await page.getByText("Person 09999").waitFor();
  const rowCount = Number(await page.getByRole("table").getAttribute("aria-rowcount"));
  expect(rowCount).toBeGreaterThan(count);
  expect(maxRowsInDom).toBeLessThan(60);

  // Search the 10,000 rows.
  await page.getByRole("searchbox").fill("person-09998");
  await page.getByText("Showing 1 of").waitFor();
  await page.getByText("Person 09998").waitFor();
  await context.close();
});
