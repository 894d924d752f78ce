// Issue 13, item 6: docs/adopting.md, followed word for word. Its `roster-guide` blocks run in
// order on a fresh project that already holds an app (tests/support/existing-app.sql): shell
// blocks with bash (ROSTER = this checkout, APP = the project folder), SQL blocks written to the
// file they name. The project's migrations are then applied as `supabase db push` would, a
// PostgREST serves that database with the stack's JWT keys, and real user tokens prove isolation
// and a permission through the API, the way the guide's client calls it.
import { execFile } from "node:child_process";
import { appendFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { PostgrestClient } from "@supabase/postgrest-js";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtSecret, projectRoot, stackConfig } from "../../supabase/local/config.ts";
import { applyMigrationFiles } from "../../supabase/local/migrate.ts";
import { startPostgrest } from "../../supabase/local/postgrest.ts";
import type { ManagedProcess } from "../../supabase/local/process.ts";
import { loadJwtKeys } from "../../supabase/local/signing-keys.ts";
import {
  closePools,
  insertAuthUsersSql,
  noSuperuserReason,
  superuserDbUrl,
} from "../support/db.ts";
import { createAppDatabase, type AppDatabase } from "../support/existing-app.ts";

const run = promisify(execFile);

interface GuideBlock {
  language: string;
  file?: string;
  body: string;
}

// Fenced blocks whose info string carries `roster-guide` (and optionally `file=<path>`).
export function guideBlocks(markdown: string): GuideBlock[] {
  return [...markdown.matchAll(/^```(\w+) roster-guide(?: file=(\S+))?\n([\s\S]*?)^```$/gm)].map(
    (match) => ({ language: match[1]!, file: match[2], body: match[3]! }),
  );
}

let app: AppDatabase;
let appDir = "";
let followed: GuideBlock[] = [];
let postgrest: ManagedProcess | undefined;
let restUrl = "";
const people: Record<string, { id: string; token: string }> = {};

async function signUp(name: string): Promise<void> {
  const email = `${name}-${Date.now()}@guide.roster.dev`;
  const { rows } = await app.ownerPool.query<{ id: string }>(
    insertAuthUsersSql("select gen_random_uuid(), $1::text, $2::text, now()"),
    [email, name],
  );
  const id = rows[0]!.id;
  // an access token as Supabase Auth issues it (legacy HS256, which PostgREST also accepts)
  const token = await new SignJWT({ role: "authenticated", aud: "authenticated", email })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(id)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(jwtSecret));
  people[name] = { id, token };
}

// The guide's client: Roster's schema by default, the app's tables with .schema("public").
const clientOf = (name: string) =>
  new PostgrestClient(restUrl, {
    schema: "roster",
    headers: { Authorization: `Bearer ${people[name]!.token}` },
  });

beforeAll(async () => {
  if (!superuserDbUrl) return console.log(`adopting-guide skipped: ${noSuperuserReason}`);
  app = await createAppDatabase("guide_app");
  appDir = await mkdtemp(join(tmpdir(), "roster-guide-app-"));
  const guide = await readFile(join(projectRoot, "docs", "adopting.md"), "utf8");
  followed = guideBlocks(guide);
  for (const block of followed) {
    if (block.language === "sh")
      await run("bash", ["-euo", "pipefail", "-c", block.body], {
        cwd: appDir,
        env: { ...process.env, ROSTER: projectRoot, APP: appDir },
      });
    else {
      const file = join(appDir, block.file!);
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${block.body}\n`);
    }
  }
  // supabase db push: the project's migrations in order, as postgres
  await applyMigrationFiles(app.ownerUrl, join(appDir, "supabase", "migrations"));
  const config = stackConfig();
  const port = config.ports.rest + 80;
  postgrest = await startPostgrest(config, await loadJwtKeys(config), {
    name: `postgrest-${app.name}`,
    dbUri: app.authenticatorUrl,
    port,
    adminPort: port + 1,
  });
  restUrl = `http://127.0.0.1:${port}`;
  for (const name of ["alice", "bob", "carol"]) await signUp(name);
}, 240_000);

afterAll(async () => {
  await postgrest?.stop();
  await app?.drop();
  if (appDir) await rm(appDir, { recursive: true, force: true });
  await closePools();
});

describe.skipIf(!superuserDbUrl)("docs/adopting.md, followed step by step", () => {
  let orgId = "";

  it("followed every step: the copy, the SQL of steps 4-6 into one migration, the generator", () => {
    expect(followed.map((block) => `${block.language} ${block.file ?? ""}`.trim())).toEqual([
      "sh",
      "sql supabase/migrations/20261208000000_projects.sql",
      "sql supabase/migrations/20261208000000_projects.sql",
      "sql supabase/migrations/20261208000000_projects.sql",
      "sh",
    ]);
  });

  it("an owner creates an organization and invites a viewer, through Roster's RPCs", async () => {
    const alice = clientOf("alice");
    const { data: org, error } = await alice
      .rpc("create_organization", { p_name: "Guide Studio" })
      .single<{ id: string }>();
    expect(error).toBeNull();
    orgId = org!.id;
    const { data: invited } = await alice
      .rpc("create_invitations", {
        p_org_id: orgId,
        p_emails: [await emailOf("bob")],
        p_role: "viewer",
      })
      .single<{ token: string }>();
    const { error: accepted } = await clientOf("bob").rpc("accept_invitation", {
      p_token: invited!.token,
    });
    expect(accepted).toBeNull();
  });

  it("the registered keys show in the organization's matrix", async () => {
    const { data } = await clientOf("bob")
      .from("role_permissions")
      .select("role, permission")
      .eq("org_id", orgId)
      .like("permission", "projects.%")
      .order("permission")
      .order("role");
    expect(data).toEqual([
      { role: "owner", permission: "projects.read" },
      { role: "admin", permission: "projects.read" },
      { role: "member", permission: "projects.read" },
      { role: "viewer", permission: "projects.read" },
      { role: "owner", permission: "projects.write" },
      { role: "admin", permission: "projects.write" },
      { role: "member", permission: "projects.write" },
    ]);
  });

  it("projects.write: the owner adds a project, the viewer is refused", async () => {
    const projects = (name: string) => clientOf(name).schema("public").from("projects");
    const { error } = await projects("alice").insert({ org_id: orgId, name: "Launch" });
    expect(error).toBeNull();
    const { error: refused } = await projects("bob").insert({ org_id: orgId, name: "Mine" });
    expect(refused).toMatchObject({ code: "42501" });
  });

  it("projects.read and isolation: the viewer reads it, someone outside the org does not", async () => {
    const names = async (who: string) =>
      (await clientOf(who).schema("public").from("projects").select("name")).data;
    expect(await names("bob")).toEqual([{ name: "Launch" }]);
    expect(await names("carol")).toEqual([]);
  });

  it("the generated tickets table keeps other organizations out too", async () => {
    const tickets = (name: string) => clientOf(name).schema("public").from("tickets");
    expect((await tickets("alice").insert({ org_id: orgId, name: "First" })).error).toBeNull();
    expect((await tickets("bob").select("name")).data).toEqual([{ name: "First" }]);
    expect((await tickets("carol").select("name")).data).toEqual([]);
    expect((await tickets("carol").insert({ org_id: orgId, name: "Forged" })).error).toMatchObject({
      code: "42501",
    });
  });

  it("archiving through the app's RPC writes projects.archived into the org's audit log", async () => {
    const { data: project } = await clientOf("alice")
      .schema("public")
      .from("projects")
      .select("id")
      .single<{ id: string }>();
    const { error: refused } = await clientOf("carol")
      .schema("public")
      .rpc("archive_project", { p_project_id: project!.id });
    expect(refused).toMatchObject({ code: "PT404", hint: "not_found" });
    const { error } = await clientOf("alice")
      .schema("public")
      .rpc("archive_project", { p_project_id: project!.id });
    expect(error).toBeNull();
    const { data: events } = await clientOf("alice")
      .from("audit_events")
      .select("action, actor_id, before")
      .eq("org_id", orgId)
      .eq("action", "projects.archived");
    expect(events).toEqual([
      {
        action: "projects.archived",
        actor_id: people.alice!.id,
        before: { id: project!.id, name: "Launch" },
      },
    ]);
    const { data: chain } = await clientOf("alice")
      .rpc("verify_audit_chain", { p_org_id: orgId })
      .single<{ ok: boolean }>();
    expect(chain).toMatchObject({ ok: true });
    // nobody calls the audit helper over the API
    const { error: direct } = await clientOf("alice").rpc("audit", {
      p_org_id: orgId,
      p_action: "projects.archived",
    });
    expect(direct).not.toBeNull();
  });
});

async function emailOf(name: string): Promise<string> {
  const { rows } = await app.ownerPool.query<{ email: string }>(
    "select email from auth.users where id = $1",
    [people[name]!.id],
  );
  return rows[0]!.email;
}
