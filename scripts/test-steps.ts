// What `npm test` and `npm run test:attack` share: steps that run a command and stop the run
// when it fails, Vitest's JSON reports and the closing passed/failed line, and the throwaway
// test stack's settings.
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { stackConfig, projectRoot, type StackConfig } from "../supabase/local/config.ts";
import { run } from "./run.ts";

export const bin = (name: string) => join(projectRoot, "node_modules", ".bin", name);
export const resultsDir = join(projectRoot, ".roster", "test-results");
const totals = { passed: 0, failed: 0 };

// The throwaway stack's settings: its own ports and data folder, user tokens signed as on a new
// Supabase project.
export const testStackConfig = (): StackConfig => ({ ...stackConfig("test"), jwt: "asymmetric" });

export async function freshResults(): Promise<void> {
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
}

// Vitest writes a JSON report beside its console output; the totals make the closing line.
export function vitestArgs(config: string, report: string): string[] {
  return [
    "run",
    "--config",
    config,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${join(resultsDir, report)}`,
  ];
}

export async function countResults(report: string): Promise<void> {
  const raw = await readFile(join(resultsDir, report), "utf8").catch(() => undefined);
  if (!raw) return;
  const { numPassedTests, numFailedTests } = JSON.parse(raw) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  totals.passed += numPassedTests;
  totals.failed += numFailedTests;
}

export async function step(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<void> {
  const began = performance.now();
  console.log(`\n▶ ${name}`);
  const code = await run(command, args, env);
  console.log(
    `${code === 0 ? "✔" : "✘"} ${name} (${((performance.now() - began) / 1000).toFixed(1)}s)`,
  );
  if (code !== 0) throw new Error(`${name} failed`);
}

/** Runs `main`, prints the totals and exits 0 or 1. */
export function finish(main: () => Promise<void>): void {
  main().then(
    () => {
      console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`\n${(error as Error).message}`);
      console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
      process.exit(1);
    },
  );
}
