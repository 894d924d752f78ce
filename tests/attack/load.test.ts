// Load over HTTP: many signed-in clients mixing reads and RPCs through the gateway for a fixed
// time. Asserts what must hold under load (no 5xx, no dropped connection, the invariants); the
// throughput and latency percentiles are printed, never asserted (they belong to benchmarks).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, inBatches, people, signUp, type Actor, type Org } from "./support/actors.ts";
import { describeFailures } from "./support/failures.ts";
import { call, calls, rpc, type Answer } from "./support/http.ts";
import { checkInvariants } from "./support/invariants.ts";
import { writeReport } from "./support/report.ts";
import { budget, scale } from "./support/scale.ts";

// Clients share accounts ten to one: sign-ups are not what is being measured.
const accounts = Math.ceil(scale.loadClients / 10);
let tenants: Array<{ actor: Actor; org: Org }>;
const latencies = new Map<string, number[]>();

beforeAll(async () => {
  tenants = await inBatches(accounts, 4, async () => {
    const actor = await signUp("load");
    return { actor, org: await createOrg(actor, "Load") };
  });
});

afterAll(async () => {
  const invariants = await checkInvariants(calls.refusedAgents, people);
  writeReport("load", invariants, { load: summary() });
  for (const result of invariants) expect(result.broken, result.name).toEqual([]);
});

type Operation = (tenant: { actor: Actor; org: Org }) => Promise<Answer>;

// What a busy admin SPA does, weighted roughly by how often it does it.
const operations: Array<[name: string, weight: number, run: Operation]> = [
  ["read my_memberships", 4, ({ actor }) => read(actor, "my_memberships?select=*")],
  [
    "read member_directory",
    3,
    ({ actor, org }) => read(actor, `member_directory?org_id=eq.${org.id}&limit=50`),
  ],
  [
    "read audit_events page",
    3,
    ({ actor, org }) =>
      read(actor, `audit_events?org_id=eq.${org.id}&order=occurred_at.desc,id.desc&limit=50`),
  ],
  ["read customers", 2, ({ actor, org }) => read(actor, `customers?org_id=eq.${org.id}`)],
  ["rpc my_access", 3, ({ actor }) => rpc(actor.token, "my_access", {})],
  [
    "rpc touch_membership",
    2,
    ({ actor, org }) => rpc(actor.token, "touch_membership", { p_org_id: org.id }),
  ],
  [
    "rpc verify_audit_chain",
    1,
    ({ actor, org }) => rpc(actor.token, "verify_audit_chain", { p_org_id: org.id }),
  ],
  [
    "insert customer",
    1,
    ({ actor, org }) =>
      call({
        path: "/rest/v1/customers",
        token: actor.token,
        body: { org_id: org.id, name: `Load ${randomUUID().slice(0, 8)}` },
      }),
  ],
  [
    "rpc update_organization",
    1,
    ({ actor, org }) =>
      rpc(actor.token, "update_organization", {
        p_org_id: org.id,
        p_description: `Under load ${randomUUID()}`,
      }),
  ],
];
const weighted = operations.flatMap(([name, weight, run]) =>
  Array.from({ length: weight }, () => [name, run] as const),
);

const read = (actor: Actor, query: string) =>
  call({ path: `/rest/v1/${query}`, token: actor.token });

async function client(index: number, until: number): Promise<void> {
  const tenant = tenants[index % tenants.length]!;
  while (performance.now() < until) {
    const [name, run] = weighted[Math.floor(Math.random() * weighted.length)]!;
    const began = performance.now();
    await run(tenant);
    const spent = performance.now() - began;
    if (!latencies.has(name)) latencies.set(name, []);
    latencies.get(name)!.push(spent);
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function summary(): Record<string, number> {
  const all = [...latencies.values()].flat().sort((a, b) => a - b);
  return {
    clients: scale.loadClients,
    seconds: scale.loadSeconds,
    calls: all.length,
    callsPerSecond: Math.round(all.length / scale.loadSeconds),
    p50Ms: Math.round(percentile(all, 50)),
    p95Ms: Math.round(percentile(all, 95)),
    p99Ms: Math.round(percentile(all, 99)),
  };
}

describe(`load over HTTP (${scale.loadClients} clients for ${scale.loadSeconds} s)`, () => {
  it(
    "answers every call without a 5xx or a dropped connection",
    { timeout: budget(scale.loadSeconds * 3) },
    async () => {
      const until = performance.now() + scale.loadSeconds * 1000;
      await Promise.all(Array.from({ length: scale.loadClients }, (_, i) => client(i, until)));
      for (const [name, spent] of [...latencies].sort()) {
        const sorted = [...spent].sort((a, b) => a - b);
        console.log(
          `[attack] load ${name}: ${sorted.length} calls, p50 ${percentile(sorted, 50).toFixed(0)} ms, ` +
            `p95 ${percentile(sorted, 95).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms`,
        );
      }
      expect(describeFailures(calls.failures)).toEqual([]);
    },
  );
});
