// `npm run stack` as a user runs it: a second instance of the stack (own ports and data folder)
// started as a child process, inspected, restarted and stopped with Ctrl-C (SIGINT). Its ports
// follow the stack under test's ROSTER_PORT_BASE block, so parallel checkouts with their own blocks
// don't collide, but sit above Linux's ephemeral range (32768–60999): there any outgoing
// connection (the attack suite's load test opens hundreds) may take a port this stack checks.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { projectRoot, stackConfig } from "../../supabase/local/config.ts";
import { onLocalStandIn, stackEnv, standInOnly } from "../support/stack.ts";

const base =
  61_000 + ((((Number(new URL(stackEnv.API_URL).port) - 55_321) % 4_000) + 4_000) % 4_000);
const env = {
  ...process.env,
  ROSTER_JWT: "asymmetric",
  ROSTER_STACK: "lifecycle",
  ROSTER_PORT_BASE: String(base),
  ROSTER_SPA_PORT: String(base + 99),
};
const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
const stateDir = join(projectRoot, ".roster", "lifecycle");
const started: ChildProcess[] = [];

function runScript(
  script: string,
  args: string[] = [],
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = "";
  const child = spawn(tsx, [script, ...args], { cwd: projectRoot, env });
  started.push(child);
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

const runStack = (command: string) => runScript("scripts/stack.ts", [command]);

function holdPort(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer().listen(port, "127.0.0.1", () => resolve(server));
  });
}

async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 60_000,
  output?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${output ? `; it printed:\n${output()}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Every process below `pid` (postgres, PostgREST, Deno, MailDev...).
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="])
    .toString()
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child!);
        queue.push(child!);
      }
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  for (const child of started) child.kill("SIGKILL");
  await rm(stateDir, { recursive: true, force: true });
});

it.skipIf(!onLocalStandIn)(
  `starts, reports status, refuses a second copy, keeps data across restarts and stops everything on Ctrl-C ${standInOnly("its own lifecycle")}`,
  async () => {
    await rm(stateDir, { recursive: true, force: true });
    const first = runStack("start");
    await waitFor(
      () => first.output().includes("stack ready"),
      "the stack to start",
      60_000,
      first.output,
    );
    expect(first.output()).toContain("(cold start)");

    const status = execFileSync(tsx, ["scripts/stack.ts", "status"], {
      cwd: projectRoot,
      env,
    }).toString();
    const keys = Object.fromEntries(
      status
        .trim()
        .split("\n")
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    for (const key of [
      "API_URL",
      "DB_URL",
      "ANON_KEY",
      "SERVICE_ROLE_KEY",
      "PUBLISHABLE_KEY",
      "SECRET_KEY",
      "JWT_SECRET",
      "INBOX_URL",
      "INBOX_API_URL",
    ])
      expect(keys[key], key).toBeTruthy();
    expect(keys.API_URL).toBe(`http://127.0.0.1:${base}`);

    expect(keys.PUBLISHABLE_KEY).toMatch(/^sb_publishable_/);
    expect(keys.SECRET_KEY).toMatch(/^sb_secret_/);
    const signingKeys = () =>
      fetch(`${keys.API_URL}/auth/v1/.well-known/jwks.json`).then(
        (r) => r.json() as Promise<{ keys: unknown[] }>,
      );
    const keysBefore = await signingKeys();
    expect(keysBefore.keys).toHaveLength(1);

    const second = runStack("start");
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`Port ${base} (api) is already in use`);

    const db = new pg.Client({ connectionString: keys.DB_URL });
    await db.connect();
    await db.query("create table roster.lifecycle_marker (id int)");
    await db.end();

    const children = descendants(first.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(4);
    first.child.kill("SIGINT");
    // tsx reports a Ctrl-C'd child with the shell's convention, 128 + SIGINT.
    expect([0, 130]).toContain(await first.exited);
    await waitFor(
      () => children.every((pid) => !alive(pid)),
      "every child process to exit",
      10_000,
    );

    const again = runStack("start");
    await waitFor(
      () => again.output().includes("stack ready"),
      "the restart",
      60_000,
      again.output,
    );
    expect(again.output()).not.toContain("(cold start)");
    // The signing key lives in the data folder: tokens issued before the restart stay valid.
    expect(await signingKeys()).toEqual(keysBefore);
    const kept = new pg.Client({ connectionString: keys.DB_URL });
    await kept.connect();
    const { rows } = await kept.query(
      `select to_regclass('roster.lifecycle_marker') is not null as kept`,
    );
    await kept.end();
    expect(rows[0].kept).toBe(true);

    // db:reset recreates the database from migrations + seed while the stack runs.
    execFileSync(tsx, ["scripts/stack.ts", "reset"], { cwd: projectRoot, env });
    const afterReset = new pg.Client({ connectionString: keys.DB_URL });
    await afterReset.connect();
    const reset = await afterReset.query(
      `select to_regclass('roster.lifecycle_marker') is null as dropped, (select count(*)::int from auth.users) as users`,
    );
    await afterReset.end();
    expect(reset.rows[0].dropped).toBe(true);
    expect(reset.rows[0].users).toBeGreaterThan(0);
    again.child.kill("SIGINT");
    expect([0, 130]).toContain(await again.exited);
  },
  120_000,
);

it.skipIf(!onLocalStandIn)(
  `refuses to start while any port it would open is taken, before starting anything ${standInOnly("its own lifecycle")}`,
  async () => {
    const ports = stackConfig("lifecycle", env).ports;
    // PostgREST's admin server is one of them, 110 above the block's base.
    expect(Object.values(ports)).toContain(base + 110);
    for (const [what, port] of Object.entries(ports)) {
      const held = await holdPort(port);
      try {
        const refused = what === "spa" ? runScript("scripts/dev.ts") : runStack("start");
        expect(await refused.exited).toBe(1);
        expect(refused.output()).toContain(`Port ${port} (${what}) is already in use`);
        expect(refused.output()).not.toContain("Roster is running");
      } finally {
        await new Promise((resolve) => held.close(resolve));
      }
    }
  },
  120_000,
);
