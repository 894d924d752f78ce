// POST /functions/v1/support-recovery — secret key or service role key only. Restores an owner
// for an organization whose owner is unreachable:
//   { org: "<slug or id>", email, ticket, operator } → { org_id, user_id, previous_owner_id }
// Audited by the database as support.access_restored (actor kind support, the operator's name,
// reason "Ticket <ticket>"). Operators use `npm run support:restore`.
import { preflight } from "../_shared/cors.ts";
import {
  forbidden,
  fromDatabaseError,
  handle,
  HttpError,
  invalidInput,
  json,
  readJsonObject,
  storableText,
} from "../_shared/http.ts";
import { authenticate } from "../_shared/auth.ts";
import { callerClient } from "../_shared/supabase.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

Deno.serve(
  handle(async (request) => {
    const early = preflight(request);
    if (early) return early;
    if (request.method !== "POST") throw new HttpError(405, "invalid_input", "Use POST.");
    // The secret key or the legacy service_role key; anon and user keys get a clear refusal.
    // support_restore_access is granted to service_role only, so the database refuses them too.
    const caller = await authenticate(request);
    if (caller.role !== "service_role")
      throw forbidden("Support recovery needs the secret key or the service role key.");

    const body = await readJsonObject(request);
    const fields = ["org", "email", "ticket", "operator"] as const;
    for (const field of fields) {
      if (typeof body[field] !== "string" || !(body[field] as string).trim()) {
        throw invalidInput(`${field} is required.`);
      }
      if (!storableText(body[field] as string))
        throw invalidInput(`${field} must be text without NUL characters or lone surrogates.`);
    }
    const org = (body.org as string).trim();
    const client = callerClient(request, caller);

    let orgId = org;
    if (!uuidPattern.test(org)) {
      const { data, error } = await client
        .from("organizations")
        .select("id")
        .eq("slug", org.toLowerCase())
        .is("deleted_at", null)
        .maybeSingle();
      if (error) throw fromDatabaseError(error);
      if (!data)
        throw new HttpError(404, "not_found", `No live organization with slug "${org}".`, "PT404");
      orgId = data.id as string;
    }

    const { data, error } = await client.rpc("support_restore_access", {
      p_org_id: orgId,
      p_email: body.email,
      p_ticket: body.ticket,
      p_operator: body.operator,
    });
    if (error) throw fromDatabaseError(error);
    return json(Array.isArray(data) ? data[0] : data);
  }),
);
