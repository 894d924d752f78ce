// The audit-export function: exactly the events in range and matching the filters, as CSV
// (RFC 4180, formula injection neutralized) or JSON Lines; refused without audit.export;
// each export is itself audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePools, ownerPool } from "../support/db.ts";
import { stackEnv } from "../support/stack.ts";
import { createOrganization, joinAs, signUp, type Person } from "../support/people.ts";

interface SeededEvent {
  id: number;
  occurred_at: string;
  action: string;
  reason: string | null;
  target_email: string | null;
}

// RFC 4180 parser for the test's own eyes: quoted fields, doubled quotes, CRLF records.
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else field += char;
  }
  expect(field).toBe("");
  expect(record).toEqual([]);
  return records;
}

async function exportAudit(person: Person, params: Record<string, string>): Promise<Response> {
  return fetch(`${stackEnv.API_URL}/functions/v1/audit-export?${new URLSearchParams(params)}`, {
    headers: { authorization: `Bearer ${person.accessToken}`, apikey: stackEnv.ANON_KEY },
  });
}

async function exportEvents(orgId: string) {
  const { rows } = await ownerPool.query<{
    after: { format: string; filters: Record<string, string>; row_count: number };
    actor_id: string;
  }>(
    `select after, actor_id from roster.audit_events where org_id = $1 and action = 'audit.exported' order by id`,
    [orgId],
  );
  return rows;
}

// An organization of its own whose log holds `events` events of 8 KB each (written as the
// platform would; the chain trigger hashes them): 6,000 are 48 MB, more than the socket buffers
// between Postgres and a client hold, so an export nobody reads stays open.
async function orgWithLargeLog(owner: Person, name: string, events: number) {
  const org = await createOrganization(owner, name);
  await ownerPool.query(
    `insert into roster.audit_events (org_id, occurred_at, actor_kind, action, after)
     select $1, timestamptz '2024-01-01' + make_interval(secs => g), 'system',
            'member.role_changed', jsonb_build_object('n', g, 'pad', repeat('x', 8000))
     from generate_series(1, $2::int) g`,
    [org.orgId, events],
  );
  return org;
}

describe("audit-export function", () => {
  let owner: Person;
  let viewer: Person;
  let outsider: Person;
  let orgId: string;
  let slug: string;
  const seeded: SeededEvent[] = [];
  const day = (n: number) => new Date(Date.UTC(2025, 0, n, 12)).toISOString();

  beforeAll(async () => {
    owner = await signUp("export-owner");
    ({ orgId, slug } = await createOrganization(owner, "Export Co"));
    viewer = await joinAs(owner, orgId, "viewer", "export-viewer");
    outsider = await signUp("export-outsider");
    // Historical events on known days, written as the platform would (the chain trigger hashes them).
    const events: Array<[number, string, string | null, string | null]> = [
      [1, "member.role_changed", "before the range", "early@example.com"],
      [2, "member.suspended", '=HYPERLINK("http://evil.example","click")', "formula@example.com"],
      [3, "member.removed", 'Quote " comma , and\nnew line', "+1-555@example.com"],
      [4, "member.role_changed", "-2+3", "@handle@example.com"],
      [5, "member.reactivated", "at the end (excluded: to is exclusive)", "late@example.com"],
    ];
    for (const [n, action, reason, target] of events) {
      const { rows } = await ownerPool.query<SeededEvent>(
        `insert into roster.audit_events (org_id, occurred_at, actor_kind, action, reason, target_email)
         values ($1, $2, 'system', $3, $4, $5) returning id, occurred_at, action, reason, target_email`,
        [orgId, day(n), action, reason, target],
      );
      seeded.push(rows[0]!);
    }
  });

  afterAll(closePools);

  it("exports exactly the events in range as CSV, with formulas neutralized", async () => {
    const response = await exportAudit(owner, {
      org_id: orgId,
      format: "csv",
      from: day(2),
      to: day(5),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // Named after the organization's address, not its id.
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="audit-${slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    const text = await response.text();
    const [header, ...rows] = parseCsv(text);
    expect(header!.slice(0, 6)).toEqual([
      "id",
      "occurred_at",
      "actor_kind",
      "actor_id",
      "actor_email",
      "action",
    ]);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => Number(row[column("id")]))).toEqual(
      seeded.slice(1, 4).map((e) => Number(e.id)),
    );
    expect(rows.map((row) => row[column("reason")])).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      'Quote " comma , and\nnew line',
      `'-2+3`,
    ]);
    expect(rows.map((row) => row[column("target_email")])).toEqual([
      "formula@example.com",
      `'+1-555@example.com`,
      `'@handle@example.com`,
    ]);
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
    // Hashes as plain hex (SHA-256: 64 digits), not Postgres's "\x…" text.
    for (const row of rows) {
      expect(row[column("hash")]).toMatch(/^[0-9a-f]{64}$/);
      expect(row[column("prev_hash")]).toMatch(/^([0-9a-f]{64})?$/);
    }

    const [event] = (await exportEvents(orgId)).slice(-1);
    expect(event).toMatchObject({
      actor_id: owner.userId,
      after: { format: "csv", row_count: 3, filters: { from: day(2), to: day(5) } },
    });
  });

  it("exports JSON Lines with the audit page filters, and never includes its own export event", async () => {
    const all = await exportAudit(owner, { org_id: orgId, format: "jsonl" });
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await all.text()).split("\n");
    expect(lines.pop()).toBe("");
    const events = lines.map(
      (line) => JSON.parse(line) as { id: number; action: string; org_id?: string; hash: string },
    );
    for (const e of events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const e of seeded) expect(ids).toContain(Number(e.id));
    const { rows: truth } = await ownerPool.query<{ id: string }>(
      `select id from roster.audit_events where org_id = $1 and id < (select max(id) from roster.audit_events where org_id = $1) order by id`,
      [orgId],
    );
    // everything up to the export's own event, which is the newest and not exported
    expect(ids).toEqual(truth.map((r) => Number(r.id)));

    const byAction = await exportAudit(owner, {
      org_id: orgId,
      format: "jsonl",
      action: "member.role_changed",
    });
    const actionIds = (await byAction.text())
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { id: number }).id);
    expect(actionIds).toEqual([Number(seeded[0]!.id), Number(seeded[3]!.id)]);

    const byText = await exportAudit(owner, { org_id: orgId, format: "jsonl", q: "comma , and" });
    expect(
      (await byText.text())
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual([Number(seeded[2]!.id)]);

    const wildcard = await exportAudit(owner, { org_id: orgId, format: "jsonl", q: "%" });
    expect(await wildcard.text()).toBe("");

    const byTarget = await exportAudit(owner, {
      org_id: orgId,
      format: "jsonl",
      target: "late@example",
    });
    expect(
      (await byTarget.text())
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual([Number(seeded[4]!.id)]);

    const byTargetUser = await exportAudit(owner, {
      org_id: orgId,
      format: "jsonl",
      target: viewer.userId,
      action: "invitation.accepted",
    });
    const accepted = (await byTargetUser.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string; actor_id: string });
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ action: "invitation.accepted", actor_id: viewer.userId });
  });

  it("records the rows it sent when the download is cancelled midway", async () => {
    // 40 MB in five pages of 1,000: the test gives up within the first page, long before the
    // function could have read them all.
    const total = 5_000;
    const big = await orgWithLargeLog(owner, "Export Big Co", total);
    const response = await exportAudit(owner, { org_id: big.orgId, format: "jsonl" });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let received = 0;
    while (received < 200) {
      const { value, done } = await reader.read();
      if (done) break;
      received += (value as Uint8Array).filter((byte) => byte === 10).length;
    }
    await reader.cancel();

    // The function records the export when its stream is cancelled; wait for that event.
    let events = await exportEvents(big.orgId);
    for (let tries = 0; events.length === 0 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events = await exportEvents(big.orgId);
    }
    expect(events).toHaveLength(1);
    const sent = events[0]!.after.row_count;
    // at least what arrived here, and not the whole log
    expect(sent).toBeGreaterThanOrEqual(received);
    expect(sent).toBeLessThan(total);
    expect(events[0]).toMatchObject({ actor_id: owner.userId, after: { format: "jsonl" } });
  });

  it("runs two exports of one organization at once, refuses a third with 429 until one ends", async () => {
    const busy = await orgWithLargeLog(owner, "Export Busy Co", 6000);
    const open = [
      await exportAudit(owner, { org_id: busy.orgId, format: "jsonl" }),
      await exportAudit(owner, { org_id: busy.orgId, format: "jsonl" }),
    ];
    expect(open.map((response) => response.status)).toEqual([200, 200]);
    const third = await exportAudit(owner, { org_id: busy.orgId, format: "jsonl" });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("60");
    expect(await third.json()).toMatchObject({
      hint: "rate_limited",
      message: expect.stringContaining(
        "exports of this organization's audit log are already running",
      ),
    });
    // another organization is not held up by this one's exports
    const elsewhere = await exportAudit(owner, { org_id: orgId, format: "csv" });
    expect(elsewhere.status).toBe(200);
    await elsewhere.text();

    // The slot frees when the cancel reaches the function and it cuts its connection; other
    // suites' exports may hold the project's slots meanwhile, so this waits without a deadline.
    await open[0]!.body!.cancel();
    let next = third;
    while (next.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      next = await exportAudit(owner, { org_id: busy.orgId, format: "jsonl" });
    }
    expect(next.status).toBe(200);
    await Promise.all([next.body!.cancel(), open[1]!.body!.cancel()]);
  });

  it("ends an export its client stopped reading after 30 s: the rows sent are recorded and the slot frees", async () => {
    const stalled = await orgWithLargeLog(owner, "Export Stalled Co", 6000);
    const started = performance.now();
    // opened and never read: neither the function nor the gateway is told anything
    const held = [
      await exportAudit(owner, { org_id: stalled.orgId, format: "jsonl" }),
      await exportAudit(owner, { org_id: stalled.orgId, format: "jsonl" }),
    ];
    expect(held.map((response) => response.status)).toEqual([200, 200]);
    let events = await exportEvents(stalled.orgId);
    while (events.length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      events = await exportEvents(stalled.orgId);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(29_000);
    for (const event of events) {
      expect(event.after.row_count).toBeGreaterThan(0);
      expect(event.after.row_count).toBeLessThan(6000);
    }
    const { rows } = await ownerPool.query<{ count: number }>(
      "select count(*)::int as count from roster.audit_events where org_id = $1",
      [stalled.orgId],
    );
    const next = await exportAudit(owner, { org_id: stalled.orgId, format: "jsonl" });
    expect(next.status).toBe(200);
    expect((await next.text()).trim().split("\n")).toHaveLength(rows[0]!.count);
  }, 90_000);

  it("refuses a viewer without audit.export, an outsider and bad input, writing no event", async () => {
    const before = (await exportEvents(orgId)).length;

    const asViewer = await exportAudit(viewer, { org_id: orgId, format: "csv" });
    expect(asViewer.status).toBe(403);
    expect(await asViewer.json()).toEqual({
      code: "42501",
      message: expect.any(String),
      hint: "forbidden",
    });

    const asOutsider = await exportAudit(outsider, { org_id: orgId, format: "csv" });
    expect(asOutsider.status).toBe(404);
    expect(await asOutsider.json()).toMatchObject({ hint: "not_found" });

    const badFormat = await exportAudit(owner, { org_id: orgId, format: "xlsx" });
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toMatchObject({ hint: "invalid_input" });

    const badDate = await exportAudit(owner, { org_id: orgId, from: "yesterday-ish" });
    expect(badDate.status).toBe(400);

    const anonymous = await fetch(`${stackEnv.API_URL}/functions/v1/audit-export?org_id=${orgId}`);
    expect(anonymous.status).toBe(401);

    expect((await exportEvents(orgId)).length).toBe(before);

    // granting the permission to viewers in the matrix lets the viewer export (the live matrix decides)
    const { error } = await owner.client.rpc("set_role_permissions", {
      p_org_id: orgId,
      p_role: "viewer",
      p_permissions: [
        "audit.read",
        "audit.export",
        "customers.read",
        "conversations.read",
        "messages.read",
      ],
    });
    expect(error).toBeNull();
    const granted = await exportAudit(viewer, {
      org_id: orgId,
      format: "csv",
      from: day(1),
      to: day(2),
    });
    expect(granted.status).toBe(200);
    expect(parseCsv(await granted.text())).toHaveLength(2);
    expect((await exportEvents(orgId)).length).toBe(before + 1);
  });
});
