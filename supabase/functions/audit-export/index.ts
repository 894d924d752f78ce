// GET /functions/v1/audit-export?org_id=…&format=csv|jsonl&from=…&to=…&action=…&actor_id=…
//     &target=…&q=…  (caller's JWT; permission audit.export)
// Streams the organization's audit events, oldest first (chain order), as CSV (RFC 4180,
// formula injection neutralized) or JSON Lines. Rows are read as the caller through PostgREST
// in keyset-paginated batches of 1000, one batch per pull of the response stream, so memory
// stays flat whatever the size of the export. Filters mirror the audit page:
//   from / to   occurred_at ≥ from and < to (ISO 8601)
//   action      one action or a comma-separated list
//   actor_id    the acting user's id
//   target      a user id (target_user_id) or text matched within target_email
//   q           text matched within actor email, target email, action or reason
// The export covers exactly the events that existed when it started, so it never contains its
// own audit.exported event, which is recorded (record_audit_export, as the caller) when the
// stream ends or is cancelled, with the number of rows sent. Nothing counts rows up front, and
// the next page is read while the current one is sent.
import { corsHeaders, preflight } from "../_shared/cors.ts";
import { csvRow } from "../_shared/csv.ts";
import { forbidden, fromDatabaseError, handle, HttpError, invalidInput } from "../_shared/http.ts";
import { authenticate } from "../_shared/auth.ts";
import { callerClient, type Client } from "../_shared/supabase.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const batchSize = 1000;
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

interface Filters {
  from?: string;
  to?: string;
  action?: string[];
  actor_id?: string;
  target?: string;
  q?: string;
}

type Row = Record<(typeof columns)[number], unknown>;

Deno.serve(
  handle(async (request) => {
    const early = preflight(request);
    if (early) return early;
    if (request.method !== "GET") throw new HttpError(405, "invalid_input", "Use GET.");
    const caller = callerClient(request, await authenticate(request));
    const params = new URL(request.url).searchParams;
    const orgId = params.get("org_id") ?? "";
    if (!uuidPattern.test(orgId)) throw invalidInput("org_id must be a uuid.");
    const format = params.get("format") ?? "csv";
    if (format !== "csv" && format !== "jsonl") throw invalidInput("format must be csv or jsonl.");
    const filters = parseFilters(params);

    const slug = await requireExportPermission(caller, orgId);

    // The snapshot: every event up to the newest one now. Ids follow chain order per org.
    const newest = await caller
      .from("audit_events")
      .select("id")
      .eq("org_id", orgId)
      .order("id", { ascending: false })
      .limit(1)
      .maybeSingle();
    if (newest.error) throw fromDatabaseError(newest.error);
    const lastId = (newest.data?.id as number | undefined) ?? 0;

    // No up-front count (it read every matching row before the first byte): the export is
    // recorded when it ends, with the rows actually sent, also when the download is cancelled.
    let sent = 0;
    let recorded = false;
    const record = async () => {
      if (recorded) return;
      recorded = true;
      const result = await caller.rpc("record_audit_export", {
        p_org_id: orgId,
        p_format: format,
        p_filters: { ...filters, action: filters.action?.join(",") },
        p_row_count: sent,
      });
      if (result.error) throw fromDatabaseError(result.error);
    };
    const readPage = (after: number) =>
      applyFilters(
        caller
          .from("audit_events")
          .select(columns.join(","))
          .eq("org_id", orgId)
          .gt("id", after)
          .lte("id", lastId),
        filters,
      )
        .order("id", { ascending: true })
        .limit(batchSize);

    const encoder = new TextEncoder();
    // the next page is requested while this one is encoded and sent
    let next = readPage(0);
    let headerSent = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          let chunk = "";
          if (format === "csv" && !headerSent) chunk += csvRow(columns);
          headerSent = true;
          const page = await next;
          if (page.error) {
            console.error("audit export page failed:", page.error.message);
            controller.error(new Error(page.error.message));
            return;
          }
          const rows = (page.data ?? []) as unknown as Row[];
          const more = rows.length === batchSize;
          if (more) next = readPage(rows[rows.length - 1]!.id as number);
          for (const read of rows) {
            const row = { ...read, prev_hash: plainHex(read.prev_hash), hash: plainHex(read.hash) };
            chunk +=
              format === "csv"
                ? csvRow(columns.map((column) => row[column]))
                : `${JSON.stringify(row)}\n`;
          }
          sent += rows.length;
          if (chunk) controller.enqueue(encoder.encode(chunk));
          if (!more) {
            try {
              await record();
              controller.close();
            } catch (error) {
              controller.error(error);
            }
          }
        },
        async cancel() {
          await record().catch((error) => console.error("audit export record failed:", error));
        },
      },
      { highWaterMark: 0 },
    );

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

function parseFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of ["from", "to"] as const) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw invalidInput(`${key} must be an ISO 8601 date-time.`);
    filters[key] = new Date(time).toISOString();
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
    filters[key] = value;
  }
  return filters;
}

// A LIKE pattern matching `text` anywhere, with its own wildcards taken literally. PostgREST
// turns `*` into `%` and has no escape for it, so a `*` in the text is dropped.
function containsPattern(text: string): string {
  return `*${text.replaceAll("*", "").replace(/[\\%_]/g, (c) => `\\${c}`)}*`;
}

// The same pattern as a quoted value inside a PostgREST logic expression (or=(…)).
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// deno-lint-ignore no-explicit-any
function applyFilters<Q extends { gte: any; lt: any; in: any; eq: any; ilike: any; or: any }>(
  query: Q,
  filters: Filters,
): Q {
  let q = query;
  if (filters.from) q = q.gte("occurred_at", filters.from);
  if (filters.to) q = q.lt("occurred_at", filters.to);
  if (filters.action) q = q.in("action", filters.action);
  if (filters.actor_id) q = q.eq("actor_id", filters.actor_id);
  if (filters.target) {
    q = uuidPattern.test(filters.target)
      ? q.eq("target_user_id", filters.target)
      : q.ilike("target_email", containsPattern(filters.target));
  }
  if (filters.q) {
    const pattern = quoted(containsPattern(filters.q));
    q = q.or(
      ["actor_email", "target_email", "action", "reason"]
        .map((c) => `${c}.ilike.${pattern}`)
        .join(","),
    );
  }
  return q;
}

// PostgREST renders bytea as Postgres's escape text ("\x…"); an export carries the plain
// hex that sha256sum and every other tool prints.
function plainHex(value: unknown): unknown {
  return typeof value === "string" && value.startsWith("\\x") ? value.slice(2) : value;
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
