// npm run test:attack [-- --long] — the attack suite (tests/attack) against a fresh throwaway
// stack of its own, started and torn down the way `npm test` does it (same ports: run one at a
// time). `--long` runs the long sizes (≥ 10,000 fuzz calls, ≥ 200 trials per race, 200 clients
// for 30 s). Either way it closes with a table: calls, status histogram, trials and outcomes per
// race, load figures and the invariants checked.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { stackConfig } from "../supabase/local/config.ts";
import { startStack } from "../supabase/local/stack.ts";
import type { AttackReport } from "../tests/attack/support/report.ts";
import {
  bin,
  countResults,
  finish,
  freshResults,
  resultsDir,
  step,
  testStackConfig,
  vitestArgs,
} from "./test-steps.ts";

const long = process.argv.includes("--long");
const reportDir = join(resultsDir, "attack");

async function main(): Promise<void> {
  await freshResults();
  // The test stack's ports, under its own name and data folder (.roster/attack), where the
  // tests find it as this checkout's stand-in.
  const config = { ...testStackConfig(), name: "attack", stateDir: stackConfig("attack").stateDir };
  console.log(`\n▶ starting a fresh stack for the attack suite${long ? " (long run)" : ""}`);
  const stack = await startStack({ config, fresh: true, log: () => undefined });
  try {
    await step(
      `attack suite${long ? ", long run" : ""}`,
      bin("vitest"),
      [...vitestArgs("vitest.stack.config.ts", "attack.json"), "tests/attack"],
      {
        ROSTER_STACK: config.name,
        ROSTER_JWT: config.jwt,
        ROSTER_ATTACK_LONG: long ? "1" : "0",
        ROSTER_ATTACK_OWN_STACK: "1",
        ROSTER_ATTACK_REPORT_DIR: reportDir,
        ...stack.env,
      },
    ).finally(() => countResults("attack.json"));
  } finally {
    await stack.stop();
    await printTable();
  }
}

async function printTable(): Promise<void> {
  const files = await readdir(reportDir).catch(() => [] as string[]);
  const reports = await Promise.all(
    files.map(
      async (file) => JSON.parse(await readFile(join(reportDir, file), "utf8")) as AttackReport,
    ),
  );
  if (reports.length === 0) return;
  const statuses: Record<string, number> = {};
  for (const report of reports)
    for (const [status, count] of Object.entries(report.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  const rows: string[][] = [["section", "what", "figures"]];
  rows.push(["calls", "total over HTTP", String(reports.reduce((sum, r) => sum + r.calls, 0))]);
  rows.push([
    "calls",
    "status histogram",
    Object.entries(statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", "),
  ]);
  for (const report of reports) {
    rows.push([
      report.file,
      "calls",
      `${report.calls} (${Object.entries(report.statuses)
        .map(([s, n]) => `${s}: ${n}`)
        .join(", ")})`,
    ]);
    for (const [race, { trials, outcomes }] of Object.entries(report.races ?? {}))
      rows.push([
        "race",
        `${race} (${trials} trials)`,
        Object.entries(outcomes)
          .map(([outcome, n]) => `${n} × ${outcome}`)
          .join("; "),
      ]);
    if (report.load)
      rows.push([
        "load",
        "figures",
        Object.entries(report.load)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
      ]);
    for (const invariant of report.invariants)
      rows.push([
        `invariant (${report.file})`,
        invariant.name,
        `${invariant.checked} checked, ${invariant.broken.length} broken`,
      ]);
  }
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`\nAttack suite${long ? " (long run)" : ""}`);
  for (const row of rows)
    console.log(`| ${row[0]!.padEnd(widths[0]!)} | ${row[1]!.padEnd(widths[1]!)} | ${row[2]} |`);
}

finish(main);
