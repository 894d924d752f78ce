// Memory of the audit-export function while it streams a large export. Not part of npm test.
//
//   ROSTER_STACK=<name> npx tsx tests/bench/audit-export-memory.ts [--events 1000000] [--format csv|jsonl]
//   … --org <id> --email <owner email>   re-measure an organization seeded by an earlier run
//
// Against a running stack (npm run stack): signs up an owner, creates a dedicated organization,
// seeds --events audit events into it as the superuser (the chain trigger hashes each one),
// then exports them all through the function while sampling the resident set size (VmRSS) of
// the stack's Deno process every 50 ms. Prints the baseline, the peak and the figures of a
// small export for comparison: flat memory means the peak does not grow with the export.
import { readFile, readdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import { anonClient, testPassword } from "../support/clients.ts";
import { uniqueEmail } from "../support/emails.ts";
import { closePools, ownerPool } from "../support/db.ts";
import { stackEnv } from "../support/stack.ts";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    format: { type: "string", default: "csv" },
    org: { type: "string" },
    email: { type: "string" },
  },
});
const total = Number(values.events);
const format = values.format === "jsonl" ? "jsonl" : "csv";

// The Deno process serving this stack's functions: the one whose environment has its port.
async function functionsPid(): Promise<number> {
  // supabase/local/config.ts: the functions port sits 12 above the API port.
  const functionsPort = String(Number(new URL(stackEnv.API_URL).port) + 12);
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const [cmdline, environ] = await Promise.all([
      readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => ""),
      readFile(`/proc/${entry}/environ`, "utf8").catch(() => ""),
    ]);
    if (
      cmdline.includes("serve-functions.ts") &&
      environ.split("\0").includes(`FUNCTIONS_PORT=${functionsPort}`)
    )
      return Number(entry);
  }
  throw new Error(`no Deno functions process with FUNCTIONS_PORT=${functionsPort}`);
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+) kB/)![1]) / 1024;
}

async function seed(orgId: string, count: number): Promise<void> {
  const chunk = 100_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    const began = performance.now();
    await ownerPool.query(
      `insert into roster.audit_events (org_id, occurred_at, actor_kind, actor_email, action, target_email, reason, after, ip, user_agent)
       select $1, timestamptz '2024-01-01' + make_interval(secs => $2 + g), 'system', 'bench@roster.dev',
              (array['member.role_changed','member.suspended','invitation.created','org.updated'])[1 + g % 4],
              'person' || g || '@example.com', case when g % 10 = 0 then '=1+1, "quoted"' else 'bench event ' || g end,
              jsonb_build_object('role', 'member', 'n', g), '203.0.113.9', 'bench/1.0'
       from generate_series(1, $3::int) g`,
      [orgId, done, n],
    );
    console.log(
      `seeded ${done + n}/${count} (${((performance.now() - began) / 1000).toFixed(1)}s)`,
    );
  }
}

async function measureExport(
  pid: number,
  token: string,
  orgId: string,
  params: Record<string, string> = {},
) {
  const samples: number[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await rssMiB(pid));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const began = performance.now();
  const response = await fetch(
    `${stackEnv.API_URL}/functions/v1/audit-export?${new URLSearchParams({ org_id: orgId, format, ...params })}`,
    {
      headers: { authorization: `Bearer ${token}`, apikey: stackEnv.ANON_KEY },
    },
  );
  if (!response.ok) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  const seconds = (performance.now() - began) / 1000;
  sampling = false;
  await sampler;
  // RSS over the export in tenths: flat memory shows as a plateau, not a ramp.
  const tenths = Array.from({ length: 10 }, (_, i) =>
    Math.max(
      ...samples.slice(
        Math.floor((i * samples.length) / 10),
        Math.max(
          Math.floor(((i + 1) * samples.length) / 10),
          Math.floor((i * samples.length) / 10) + 1,
        ),
      ),
    ),
  );
  return {
    tenths,
    rows: format === "csv" ? lines - 1 : lines,
    mib: bytes / 2 ** 20,
    seconds,
    peak: Math.max(...samples),
    samples: samples.length,
  };
}

async function main(): Promise<void> {
  const pid = await functionsPid();
  const owner = anonClient();
  let orgId = values.org;
  let token: string;
  if (orgId && values.email) {
    const signIn = await owner.auth.signInWithPassword({
      email: values.email,
      password: testPassword,
    });
    if (signIn.error || !signIn.data.session) throw signIn.error ?? new Error("no session");
    token = signIn.data.session.access_token;
  } else {
    const email = uniqueEmail("bench-owner");
    const signUp = await owner.auth.signUp({ email, password: testPassword });
    if (signUp.error || !signUp.data.session) throw signUp.error ?? new Error("no session");
    token = signUp.data.session.access_token;
    const { data: org, error } = await owner.rpc("create_organization", {
      p_name: `Audit bench ${Date.now()}`,
    });
    if (error || !org) throw error ?? new Error("no org");
    orgId = org.id;
    console.log(`org ${orgId}, owner ${email}; seeding ${total} events…`);
    await seed(orgId, total);
  }

  const baseline = await rssMiB(pid);
  const small = await measureExport(pid, token, orgId, { to: "2024-01-01T02:46:40Z" }); // the first 10,000 events
  const full = await measureExport(pid, token, orgId);
  const after = await rssMiB(pid);
  const line = (name: string, r: Awaited<ReturnType<typeof measureExport>>) =>
    `${name}: ${r.rows} rows, ${r.mib.toFixed(1)} MiB of ${format} in ${r.seconds.toFixed(1)}s (${Math.round(r.rows / r.seconds)} rows/s); peak RSS ${r.peak.toFixed(1)} MiB over ${r.samples} samples`;
  console.log(`\nDeno functions process ${pid}, baseline RSS ${baseline.toFixed(1)} MiB`);
  console.log(line("small export", small));
  console.log(line("full export ", full));
  console.log(
    `full export RSS by tenth of its duration (MiB): ${full.tenths.map((m) => m.toFixed(0)).join(" ")}`,
  );
  console.log(
    `RSS after: ${after.toFixed(1)} MiB; full-export peak minus baseline: ${(full.peak - baseline).toFixed(1)} MiB`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(closePools);
