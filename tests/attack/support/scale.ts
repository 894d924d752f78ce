// How hard the suite attacks. `npm test` runs the CI size; `npm run test:attack -- --long` sets
// ROSTER_ATTACK_LONG=1 for the long run (issue 10: ≥ 10,000 fuzz calls, ≥ 200 trials per race,
// 200 clients for 30 s).
export const longRun = process.env.ROSTER_ATTACK_LONG === "1";

export const scale = longRun
  ? { fuzzCalls: 10_000, raceTrials: 200, loadClients: 200, loadSeconds: 30 }
  : { fuzzCalls: 2_000, raceTrials: 20, loadClients: 20, loadSeconds: 10 };

// Vitest's per-test timeout for a phase expected to take about `seconds` on a loaded machine.
export const budget = (seconds: number) => Math.max(60_000, seconds * 4_000);
