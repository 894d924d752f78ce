// The members page over a real 10,000-member organization in Chromium: the org is seeded in the
// stack's database (set-based SQL, its own org and people, removed afterwards), and the page
// must stay virtualized, ask only for the pages scrolled to, and find one person by search.
// Frame timings belong in `npm run bench`, not in a test.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, openSignedIn } from "../support/browser.ts";
import { testPassword } from "../support/clients.ts";
import { closePools, insertAuthUsersSql, ownerPool } from "../support/db.ts";
import { createOrganization, signUp } from "../support/people.ts";
import { stackEnv } from "../support/stack.ts";

const count = 10_000;
const pageSize = 50;
const tag = randomUUID().slice(0, 8);
const pad = (n: number) => String(n).padStart(5, "0");

// What the page function below uses of the browser (this project's Node typings have no DOM).
interface BrowserWindow {
  document: {
    documentElement: { scrollHeight: number };
    querySelectorAll(selector: string): { length: number };
  };
  scrollTo(x: number, y: number): void;
}

let browser: Browser;
let owner: Awaited<ReturnType<typeof signUp>>;
let org: Awaited<ReturnType<typeof createOrganization>>;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUp(`scale-owner-${tag}`, "Scale Owner");
  org = await createOrganization(owner, "Scale");
  // Users and their memberships in one transaction: the deferred personal-org trigger then
  // sees each user's membership and creates no personal organization.
  const client = await ownerPool.connect();
  try {
    await client.query("begin");
    await client.query(
      insertAuthUsersSql(
        `select gen_random_uuid(), format('scale-%s-%s@test.roster.dev', $1::text, lpad(g::text, 5, '0')),
                format('Scale Person %s', lpad(g::text, 5, '0')), now()
         from generate_series(0, $2::int - 1) g`,
      ),
      [tag, count],
    );
    await client.query(
      `insert into roster.memberships (org_id, user_id, role, status, joined_at, last_active_at)
       select $1, p.user_id, (array['member', 'viewer'])[1 + n % 2]::roster.org_role, 'active',
              now() - n * interval '1 minute', now() - n * interval '1 second'
       from (select user_id, row_number() over (order by email) as n
             from roster.profiles where email like $2) p`,
      [org.orgId, `scale-${tag}-%`],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
});

afterAll(async () => {
  await browser?.close();
  // Memberships and profiles go with their users.
  await ownerPool.query("delete from auth.users where email like $1", [`scale-${tag}-%`]);
  await closePools();
});

it("keeps 10,000 members virtualized, asks only for the pages scrolled to, and searches on the server", async () => {
  const page = await openSignedIn(
    browser,
    `${stackEnv.SITE_URL}/o/${org.slug}/members`,
    owner.email,
    testPassword,
  );
  const pageRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/rest/v1/rpc/list_members")) pageRequests.push(request.url());
  });
  await page.getByRole("table", { name: "Members" }).waitFor();
  await page.getByText("Scale Person 00000").waitFor();
  // The owner and the 10,000, counted by the server, plus the header row.
  expect(await page.getByRole("table").getAttribute("aria-rowcount")).toBe(String(count + 2));
  await page.getByText(`${(count + 1).toLocaleString("en")} people`).waitFor();

  // Jump to the end of what is loaded, again and again: each jump loads the next page only,
  // and the DOM never holds more than about a screenful of rows.
  const jumps = 8;
  let maxRowsInDom = 0;
  for (let jump = 1; jump <= jumps; jump += 1) {
    await page.evaluate(() => {
      const { document, scrollTo } = globalThis as unknown as BrowserWindow;
      scrollTo(0, document.documentElement.scrollHeight);
    });
    // The owner sorts first, so person n is row n + 1: the first row of the next page.
    await page.getByText(`Scale Person ${pad(pageSize * jump)}`).waitFor();
    const rows = await page.evaluate(
      () =>
        (globalThis as unknown as BrowserWindow).document.querySelectorAll('[role="row"]').length,
    );
    maxRowsInDom = Math.max(maxRowsInDom, rows);
  }
  expect(maxRowsInDom).toBeLessThan(60);
  // The first screen's page and one per jump (a refetch at most): not the org's 201 pages.
  expect(pageRequests.length).toBeGreaterThanOrEqual(jumps);
  expect(pageRequests.length).toBeLessThanOrEqual(jumps + 2);

  // Search the whole organization, not the loaded rows: this person is on page 160.
  await page.getByRole("searchbox", { name: "Search by name or email" }).fill("Person 07998");
  await page.getByText(`Showing 1 of ${(count + 1).toLocaleString("en")}`).waitFor();
  await page.getByText("Scale Person 07998").waitFor();
  expect(await page.getByRole("table").getByRole("row").count()).toBe(2);
  await page.context().close();
});
