// The seeded demo owner signs in through the real SPA in Chromium and sees their name; a user
// signs in with the code from the magic-link email.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { demoOwner, demoPassword } from "../../supabase/local/demo.ts";
import { expectNoSeriousViolations, launchBrowser } from "../support/browser.ts";
import { closePools, createUser } from "../support/db.ts";
import { emailedCode, waitForEmail } from "../support/inbox.ts";
import { stackEnv } from "../support/stack.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closePools();
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

it("signs in with the 6-digit code from the magic-link email", async () => {
  const person = await createUser("e2e-code", "Cody Code");
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${stackEnv.SITE_URL}/sign-in`);
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByText("Check your email").waitFor();
  await expectNoSeriousViolations(page);

  const email = await waitForEmail(person.email);
  await page.getByLabel("Code from the email").fill(emailedCode(email));
  await page.getByRole("button", { name: "Sign in with the code" }).click();
  await page
    .getByRole("button", { name: "Cody Code , user menu" })
    .waitFor({ state: "visible", timeout: 10_000 });
  await page.context().close();
});
