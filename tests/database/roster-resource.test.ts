// Issue 13, item 3: npm run roster:resource writes a migration and a database test; applied to a
// fresh project database with Roster's core migrations, the generated test runs and passes, and
// it fails once the generated policies stop checking the matrix. Bad names are refused.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../supabase/local/config.ts";
import { applyMigrationFiles } from "../../supabase/local/migrate.ts";
import { nameProblem, writeResource } from "../../scripts/roster-resource.ts";
import { closePools, noSuperuserReason, superuserDbUrl } from "../support/db.ts";
import { applyCoreMigrations, createAppDatabase } from "../support/existing-app.ts";
import { stackEnv } from "../support/stack.ts";

const run = promisify(execFile);
const bin = (name: string) => join(projectRoot, "node_modules", ".bin", name);
// Inside the checkout (git-ignored), so the generated test resolves vitest and pg from here;
// its ../support is this checkout's tests/support.
const root = join(projectRoot, ".roster", `resource-${randomUUID().slice(0, 8)}`);

beforeAll(async () => {
  await mkdir(join(root, "tests"), { recursive: true });
  await symlink(join(projectRoot, "tests", "support"), join(root, "tests", "support"), "dir");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await closePools();
});

// Applies the core and the resource's migration to a fresh database, then runs the generated
// test there with vitest, as `npm run test:stack` would: the stack's API, that database.
async function runGeneratedTest(migrationsDir: string): Promise<{ ok: boolean; output: string }> {
  const app = await createAppDatabase("resource", false);
  try {
    await applyCoreMigrations(app.ownerUrl);
    await applyMigrationFiles(app.ownerUrl, migrationsDir);
    const result = await run(
      bin("vitest"),
      ["run", "--config", join(projectRoot, "vitest.stack.config.ts"), "--root", root],
      {
        env: { ...process.env, ...stackEnv, DB_URL: app.ownerUrl, NO_COLOR: "1" },
        cwd: projectRoot,
      },
    ).then(
      ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
      (error: { stdout: string; stderr: string }) => ({
        ok: false,
        output: error.stdout + error.stderr,
      }),
    );
    return result;
  } finally {
    await app.drop();
  }
}

describe("names", () => {
  it.each([
    [undefined, "Name the resource"],
    ["", "Name the resource"],
    ["Tickets", "is not a resource name"],
    ["1tickets", "is not a resource name"],
    ["support-tickets", "is not a resource name"],
    ["tickets; drop table x", "is not a resource name"],
    ["t".repeat(41), "is not a resource name"],
    ["members", "one of Roster's own areas"],
    ["audit", "one of Roster's own areas"],
  ])("refuses %j", (name, message) => {
    expect(nameProblem(name)).toContain(message);
  });

  it("accepts a plain table name", () => {
    expect(nameProblem("support_tickets")).toBeNull();
  });

  it("the command refuses a bad name with the message and writes nothing", async () => {
    const failed = await run(
      bin("tsx"),
      ["scripts/roster-resource.ts", "Bad-Name", "--root", root],
      { cwd: projectRoot },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('"Bad-Name" is not a resource name'),
    });
    await expect(readdir(join(root, "supabase"))).rejects.toThrow();
  });
});

describe.skipIf(!superuserDbUrl)("a generated resource", () => {
  let migration = "";

  beforeAll(async () => {
    [migration] = await writeResource("tickets", root);
  });

  it("writes the migration and the test, and never overwrites them", async () => {
    const sql = await readFile(migration!, "utf8");
    expect(sql).toMatch(/create table public\.tickets \(\n {2}org_id uuid not null/);
    expect(sql).toContain("select roster.register_permission('tickets.write'");
    expect(sql).toContain("using (org_id in (select roster.orgs_with('tickets.read')))");
    await expect(writeResource("tickets", root)).rejects.toThrow("already exists");
  });

  it("its test passes against a database with the core and its migration", async () => {
    const { ok, output } = await runGeneratedTest(join(root, "supabase", "migrations"));
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(ok, output).toBe(true);
  }, 180_000);

  it("its test fails when the table's policies stop checking the matrix", async () => {
    const broken = join(root, "broken-migrations");
    await mkdir(broken);
    const sql = await readFile(migration!, "utf8");
    await writeFile(
      join(broken, migration!.split("/").at(-1)!),
      sql.replace("using (org_id in (select roster.orgs_with('tickets.read')))", "using (true)"),
    );
    const { ok, output } = await runGeneratedTest(broken);
    expect(ok, output).toBe(false);
    expect(output).toMatch(/Tests\s+\d+ failed/);
  }, 180_000);
});

if (!superuserDbUrl) console.log(`roster-resource skipped: ${noSuperuserReason}`);
