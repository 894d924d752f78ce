// The seeded demo owner signs in through the real SPA in Chromium and sees their name.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { demoOwner, demoPassword } from "../../supabase/local/demo.ts";
import { launchBrowser } from "../support/browser.ts";
import { stackEnv } from "../support/stack.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("signs in with the demo owner and shows their name in the shell", async () => {
  const page = await browser.newPage();
  await page.goto(stackEnv.SITE_URL);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Email").fill(demoOwner.email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page
    .getByRole("banner")
    .getByText(demoOwner.name)
    .waitFor({ state: "visible", timeout: 10_000 });

  // The session survives a reload.
  await page.reload();
  await page
    .getByRole("banner")
    .getByText(demoOwner.name)
    .waitFor({ state: "visible", timeout: 10_000 });
  expect(new URL(page.url()).pathname).not.toMatch(/sign-in/);
});
