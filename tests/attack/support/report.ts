// Each attack file leaves what it did in a JSON file the runner (`npm run test:attack`) turns
// into the closing table; every file also prints its own summary.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { calls } from "./http.ts";
import type { InvariantResult } from "./invariants.ts";

export interface AttackReport {
  file: string;
  calls: number;
  statuses: Record<string, number>;
  races?: Record<string, { trials: number; outcomes: Record<string, number> }>;
  load?: Record<string, number>;
  invariants: InvariantResult[];
}

export function writeReport(
  file: string,
  invariants: InvariantResult[],
  extra: Pick<AttackReport, "races" | "load"> = {},
): void {
  const report: AttackReport = {
    file,
    calls: calls.total,
    statuses: Object.fromEntries([...calls.statuses].sort(([a], [b]) => a - b)),
    ...extra,
    invariants,
  };
  console.log(`[attack] ${file}: ${JSON.stringify(report)}`);
  const dir = process.env.ROSTER_ATTACK_REPORT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${file}.json`), JSON.stringify(report, null, 2));
}
