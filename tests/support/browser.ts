// Debian's Chromium driven by Playwright (never a downloaded browser), and what every e2e test
// does with it: sign in as someone, check accessibility and width.
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// What the helpers below read inside the page (the tests' TypeScript has no DOM library).
interface PageGlobals {
  document: { getAnimations(): { playState: string }[]; documentElement: { scrollWidth: number } };
}

const desktop = { width: 1280, height: 900 };

// Signs in on the sign-in page the SPA redirects `url` to, and waits to be back at `url`.
export async function signInOnPage(
  page: Page,
  url: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(url, { timeout: 10_000 });
}

// A fresh browser context (its own storage: another person) signed in at `url`.
export async function openSignedIn(
  browser: Browser,
  url: string,
  email: string,
  password: string,
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? desktop,
    acceptDownloads: options.acceptDownloads,
  });
  const page = await context.newPage();
  await signInOnPage(page, url, email, password);
  return page;
}

// The page's width including anything that overflows sideways.
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth,
  );
}

// axe-core on a settled page: no serious or critical violations. Half-faded toasts and dialogs
// mid-transition would fail colour contrast, so it waits for animations to finish first.
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as PageGlobals).document
      .getAnimations()
      .every((animation) => animation.playState !== "running"),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    ),
  ).toEqual([]);
}
