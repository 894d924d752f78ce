// GET /functions/v1/audit-export?org_id=…&format=csv|jsonl&from=…&to=…&action=…&actor_id=…
//     &target=…&q=…  (caller's JWT; permission audit.export)
// Streams the organization's audit events, oldest first (chain order; by time within a from/to
// range), as CSV (RFC 4180, formula injection neutralized) or JSON Lines. Filters mirror the
// audit page:
//   from / to   occurred_at ≥ from and < to (ISO 8601)
//   action      one action or a comma-separated list
//   actor_id    the acting user's id
//   target      a user id (target_user_id) or text matched within target_email
//   q           text matched within actor email, target email, action or reason
//
// The rows come from one COPY statement on the function's own database connection
// (SUPABASE_DB_URL), run as the caller the way PostgREST runs a request (role authenticated, the
// verified JWT's claims in request.jwt.claims), so RLS decides what is read. Postgres formats
// each row and sends it as one CopyData message; the function forwards the bytes in batches
// (for CSV it turns COPY's LF record ends into RFC 4180's CRLF), so memory stays flat and
// nothing is counted up front. Read through PostgREST instead (pages of max_rows = 1,000, each
// parsed and re-encoded in JavaScript) it streamed ~24k rows/s.
// One statement is one snapshot: the export holds exactly the events that existed when it
// started, so never its own audit.exported event, which is recorded (record_audit_export, as the
// caller) when the stream ends or is cancelled, with the number of rows sent.
// At most 2 exports of one organization, and 8 in the project, run at once (exportSlots below);
// beyond that the answer is 429 rate_limited with Retry-After. A client that stops reading for
// 30 s (stallLimitMs), or goes away, ends its export: the connection is cut, the slot frees, and
// audit.exported records the rows sent.
import { connect, type Socket } from "node:net";
import postgres from "postgres";
import { corsHeaders, preflight } from "../_shared/cors.ts";
import { csvRow } from "../_shared/csv.ts";
import {
  forbidden,
  fromDatabaseError,
  handle,
  HttpError,
  invalidInput,
  requireEnv,
  storableText,
} from "../_shared/http.ts";
import { authenticate, type Caller } from "../_shared/auth.ts";
import { callerClient, type Client } from "../_shared/supabase.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// An export holds a database connection until its last row is sent (minutes for millions of
// events), so how many run at once is capped in the database, across every function instance:
// each takes a transaction-scoped advisory lock on one of its organization's slots and one of
// the project's, released when its connection closes. Beyond them: 429, try again later.
const exportSlots = { perOrganization: 2, perProject: 8 };
// How long the export waits for its client to read on. Deno notices a client that left only
// when it next writes, which a stalled export never does; without this, a download abandoned
// mid-stream would keep its connection and slot for good.
const stallLimitMs = 30_000;
// bytes per chunk of the response
const batchBytes = 256 * 1024;
const columns = [
  "id",
  "occurred_at",
  "actor_kind",
  "actor_id",
  "actor_email",
  "action",
  "target_user_id",
  "target_email",
  "target_invitation_id",
  "reason",
  "before",
  "after",
  "ip",
  "user_agent",
  "prev_hash",
  "hash",
] as const;

// Hashes as the plain hex sha256sum prints, not bytea's "\x…".
const hex = (column: string) => `encode(e.${column}, 'hex')`;
// CSV only: text a spreadsheet could take for a formula gets a leading apostrophe (OWASP), as
// _shared/csv.ts does for every cell.
const formulaSafe = (value: string) =>
  `case when ${value} ~ '^[-=+@\\t\\r]' then '''' || ${value} else ${value} end`;
const csvSelect: Partial<Record<(typeof columns)[number], string>> = {
  actor_email: formulaSafe("e.actor_email"),
  action: formulaSafe("e.action"),
  target_email: formulaSafe("e.target_email::text"),
  reason: formulaSafe("e.reason"),
  before: formulaSafe("e.before::text"),
  after: formulaSafe("e.after::text"),
  user_agent: formulaSafe("e.user_agent"),
  prev_hash: hex("prev_hash"),
  hash: hex("hash"),
};
const jsonSelect: Partial<Record<(typeof columns)[number], string>> = {
  prev_hash: hex("prev_hash"),
  hash: hex("hash"),
};

interface Filters {
  from?: string;
  to?: string;
  action?: string[];
  actor_id?: string;
  target?: string;
  q?: string;
}

Deno.serve(
  handle(async (request) => {
    const early = preflight(request);
    if (early) return early;
    if (request.method !== "GET") throw new HttpError(405, "invalid_input", "Use GET.");
    const identity = await authenticate(request);
    const caller = callerClient(request, identity);
    const params = new URL(request.url).searchParams;
    const orgId = params.get("org_id") ?? "";
    if (!uuidPattern.test(orgId)) throw invalidInput("org_id must be a uuid.");
    const format = params.get("format") ?? "csv";
    if (format !== "csv" && format !== "jsonl") throw invalidInput("format must be csv or jsonl.");
    const filters = parseFilters(params);

    // The connection is opened and set up beside the permission check; rows only follow both.
    // Its socket is the function's own (postgres.js README "Custom socket"; the option is missing
    // from its types) so that an export given up can be cut off: Postgres, blocked writing to a
    // reader that stopped, would never read a polite goodbye.
    let socket: Socket | undefined;
    const openSocket = ({ host, port }: { host: string[]; port: number[] }) =>
      new Promise<Socket>((resolve, reject) => {
        const opened = connect(port[0]!, host[0]!);
        opened.once("connect", () => resolve((socket = opened)));
        opened.once("error", reject);
      });
    const sql = postgres(requireEnv("SUPABASE_DB_URL"), {
      max: 1,
      prepare: false,
      onnotice: () => {},
      socket: openSocket,
    } as postgres.Options<Record<string, postgres.PostgresType>>);
    // allSettled, not all: closing the connection after a refusal fails the statement still being
    // built on it, and a rejection nobody awaits would take down the functions runtime.
    const [permitted, built] = await Promise.allSettled([
      requireExportPermission(caller, orgId),
      copyStatementAsCaller(sql, identity, orgId, format, filters),
    ]);
    if (permitted.status === "rejected" || built.status === "rejected") {
      await sql.end({ timeout: 0 });
      throw permitted.status === "rejected"
        ? permitted.reason
        : (built as PromiseRejectedResult).reason;
    }
    const [slug, statement] = [permitted.value, built.value];
    const rows = await sql.unsafe(statement).readable();

    let sent = 0;
    let finished = false;
    let cancelled = false;
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    // The connection is closed and the export recorded once, when the stream ends, is cancelled
    // or stalls.
    const finish = async () => {
      if (finished) return;
      finished = true;
      clearTimeout(stallTimer);
      if (cancelled) socket?.destroy();
      await sql.end({ timeout: 0 });
      const result = await caller.rpc("record_audit_export", {
        p_org_id: orgId,
        p_format: format,
        p_filters: { ...filters, action: filters.action?.join(",") },
        p_row_count: sent,
      });
      if (result.error) throw fromDatabaseError(result.error);
    };

    const encoder = new TextEncoder();
    let batch = new Uint8Array(batchBytes);
    let filled = 0;
    // `bytes`, with room for `extra` more after them
    const append = (bytes: Uint8Array, extra = 0) => {
      if (filled + bytes.length + extra > batch.length) {
        const grown = new Uint8Array(Math.max(batch.length * 2, filled + bytes.length + extra));
        grown.set(batch.subarray(0, filled));
        batch = grown;
      }
      batch.set(bytes, filled);
      filled += bytes.length;
    };
    // Pulled batch by batch, so a slow client holds back the COPY (postgres.js pauses the socket)
    // instead of the function buffering the export.
    const iterator = rows[Symbol.asyncIterator]();
    const abandon = () => {
      cancelled = true;
      return finish().catch((error) => console.error("audit export record failed:", error));
    };
    const stream = new ReadableStream<Uint8Array>({
      start() {
        if (format === "csv") append(encoder.encode(csvRow(columns)));
      },
      async pull(controller) {
        // only the time spent waiting for the client counts, never a slow query
        clearTimeout(stallTimer);
        try {
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              if (filled) controller.enqueue(batch.slice(0, filled));
              await finish();
              controller.close();
              return;
            }
            // one CopyData message per row, ending in LF; CSV records end in CRLF (RFC 4180):
            // copied whole, its LF becomes CR and an LF follows
            if (format === "csv") {
              append(next.value, 1);
              batch[filled - 1] = 13;
              batch[filled++] = 10;
            } else append(next.value);
            sent += 1;
            if (filled >= batchBytes) {
              controller.enqueue(batch.slice(0, filled));
              filled = 0;
              stallTimer = setTimeout(() => {
                void abandon();
                controller.error(new Error("The client stopped reading the export."));
              }, stallLimitMs);
              return;
            }
          }
        } catch (error) {
          if (cancelled) return; // the client went away: finish() ended the read
          console.error("audit export failed:", error);
          await finish().catch(() => undefined);
          controller.error(error);
        }
      },
      cancel: abandon,
    });

    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        ...corsHeaders,
        "content-type":
          format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="audit-${slug}-${stamp}.${format}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  }),
);

// Makes the connection act as the caller, as PostgREST does for a request (role and verified
// claims, so RLS applies), and builds the COPY of the matching events, oldest first. COPY takes
// no bind parameters, so Postgres itself quotes every value into the statement (format's %L);
// no caller text is ever spliced into SQL here.
async function copyStatementAsCaller(
  sql: postgres.Sql,
  caller: Caller,
  orgId: string,
  format: "csv" | "jsonl",
  filters: Filters,
): Promise<string> {
  const values: string[] = [];
  const value = (text: string) => {
    values.push(text);
    return `%${values.length}$L`;
  };
  const where = [`e.org_id = ${value(orgId)}`];
  if (filters.from) where.push(`e.occurred_at >= ${value(filters.from)}`);
  if (filters.to) where.push(`e.occurred_at < ${value(filters.to)}`);
  if (filters.action) where.push(`e.action in (${filters.action.map(value).join(", ")})`);
  if (filters.actor_id) where.push(`e.actor_id = ${value(filters.actor_id)}`);
  if (filters.target) {
    where.push(
      uuidPattern.test(filters.target)
        ? `e.target_user_id = ${value(filters.target)}`
        : `e.target_email ilike ${value(containsPattern(filters.target))}`,
    );
  }
  if (filters.q) {
    const pattern = value(containsPattern(filters.q));
    const fields = ["actor_email", "target_email", "action", "reason"];
    where.push(`(${fields.map((field) => `e.${field} ilike ${pattern}`).join(" or ")})`);
  }
  // Chain order; a time range is read oldest first along the (org_id, occurred_at, id) index,
  // which streams from the range's first event instead of sorting it or walking every older one.
  const order = filters.from || filters.to ? "e.occurred_at, e.id" : "e.id";
  const events = `from roster.audit_events e where ${where.join(" and ")} order by ${order}`;
  const select = (expressions: typeof csvSelect) =>
    columns.map((c) => (expressions[c] ? `${expressions[c]} as ${c}` : `e.${c}`)).join(", ");
  // COPY's text format would escape JSON's backslashes; CSV with a quote and a delimiter JSON
  // never holds unescaped (control characters) passes each line through untouched.
  const template =
    format === "csv"
      ? `copy (select ${select(csvSelect)} ${events}) to stdout with (format csv)`
      : `copy (select row_to_json(r)::text from (select ${select(jsonSelect)} ${events}) r)
         to stdout with (format csv, delimiter e'\\x02', quote e'\\x01')`;
  // One read-only transaction holds the settings, the slots and the COPY, so they share a server
  // connection even behind a transaction-mode pooler; it ends when the connection closes.
  await sql`begin read only`;
  const slot = (scope: string, count: number) => sql`(
    select s from generate_series(1, ${count}::int) s
    where pg_try_advisory_xact_lock(hashtext(${scope}), s) limit 1)`;
  const [built] = await sql<
    { statement: string; organization_slot: number | null; project_slot: number | null }[]
  >`
    select ${slot(`roster.audit_export:${orgId}`, exportSlots.perOrganization)} as organization_slot,
      ${slot("roster.audit_export", exportSlots.perProject)} as project_slot,
      set_config('role', ${caller.role}, true),
      set_config('request.jwt.claims', ${JSON.stringify(caller.claims ?? {})}, true),
      set_config('timezone', 'UTC', true),
      -- rows in index order from the first one: a sort would hold back the first byte until
      -- every matching event was read (the planner prefers bitmap + sort for a whole range)
      set_config('enable_sort', 'off', true),
      format(${template}, variadic ${values}::text[]) as statement`;
  if (built!.organization_slot === null)
    throw new HttpError(
      429,
      "rate_limited",
      `${exportSlots.perOrganization} exports of this organization's audit log are already running; try again when one has finished.`,
    );
  if (built!.project_slot === null)
    throw new HttpError(
      429,
      "rate_limited",
      "Too many audit exports are running right now; try again in a minute.",
    );
  return built!.statement;
}

function parseFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of ["from", "to"] as const) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    const time = new Date(value);
    // JavaScript reads years Postgres does not (-000001, +275760); four-digit years only.
    const year = time.getUTCFullYear();
    if (Number.isNaN(year) || year < 1 || year > 9999)
      throw invalidInput(`${key} must be an ISO 8601 date-time between the years 1 and 9999.`);
    filters[key] = time.toISOString();
  }
  const action = params.get("action")?.trim();
  if (action) {
    const actions = action
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    if (actions.length > 30 || !actions.every((a) => /^[a-z_]+\.[a-z_]+$/.test(a))) {
      throw invalidInput("action must be one action key or a comma-separated list of them.");
    }
    filters.action = actions;
  }
  const actor = params.get("actor_id")?.trim();
  if (actor) {
    if (!uuidPattern.test(actor)) throw invalidInput("actor_id must be a uuid.");
    filters.actor_id = actor;
  }
  for (const key of ["target", "q"] as const) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (value.length > 200) throw invalidInput(`${key} is too long (at most 200 characters).`);
    if (!storableText(value))
      throw invalidInput(`${key} must be text without NUL characters or lone surrogates.`);
    filters[key] = value;
  }
  return filters;
}

// A LIKE pattern matching `text` anywhere, with its own wildcards taken literally.
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// audit.export, read from the live matrix as the caller: their active membership and the
// permissions of its role. Non-members get not_found, as from the RPCs. Returns the org's slug,
// which names the file.
async function requireExportPermission(caller: Client, orgId: string): Promise<string> {
  const membership = await caller
    .from("my_memberships")
    .select("role, org_slug")
    .eq("org_id", orgId)
    .maybeSingle();
  if (membership.error) throw fromDatabaseError(membership.error);
  if (!membership.data) throw new HttpError(404, "not_found", "Organization not found.", "PT404");
  const granted = await caller
    .from("role_permissions")
    .select("permission")
    .eq("org_id", orgId)
    .eq("role", membership.data.role as string)
    .eq("permission", "audit.export")
    .maybeSingle();
  if (granted.error) throw fromDatabaseError(granted.error);
  if (!granted.data) throw forbidden("Your role cannot export the audit log of this organization.");
  return membership.data.org_slug as string;
}
