// POST /functions/v1/invitations — create invitations (up to 50 emails) or resend one, then
// email each invitee. The RPCs run as the caller, so the database decides who may invite and
// enforces the hourly limit (429 rate_limited); the service role only records delivery.
//
//   { action: "create", org_id, emails: string[], role: "admin"|"member"|"viewer", message? }
//     → { results: [{ email, status: sent|failed|already_member|already_invited|duplicate,
//                     invitation_id?, error? }] }
//   { action: "resend", invitation_id } → { result: { invitation_id, email, status, error? } }
import { preflight } from "../_shared/cors.ts";
import {
  fromDatabaseError,
  handle,
  HttpError,
  invalidInput,
  json,
  readJsonObject,
  requireEnv,
  storableText,
} from "../_shared/http.ts";
import { authenticate } from "../_shared/auth.ts";
import { callerClient, serviceClient, type Client } from "../_shared/supabase.ts";
import { maskEmail } from "../_shared/mask.ts";
import { invitationEmail } from "../_shared/email/templates.ts";
import {
  blockedPortReason,
  configuredTransport,
  defaultFrom,
  deliver,
  type EmailTransport,
} from "../_shared/email/transport.ts";
import { downTransport, outageRecipients } from "../_shared/email/outage.ts";
import { mapLimited } from "../_shared/concurrency.ts";

const roles = new Set(["admin", "member", "viewer"]);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Delivery {
  invitationId: string;
  email: string;
  token: string;
  role: string;
  expiresAt: string;
  message: string | null;
}

interface DeliveryOutcome {
  status: "sent" | "failed";
  error?: string;
}

Deno.serve(
  handle(async (request) => {
    const early = preflight(request);
    if (early) return early;
    if (request.method !== "POST") throw new HttpError(405, "invalid_input", "Use POST.");
    // Checked before anything else: with a port the platform blocks, every delivery would fail
    // the same way, whoever asks.
    const blocked = blockedPortReason();
    if (blocked) throw new HttpError(503, "email_port_blocked", blocked);
    const caller = callerClient(request, await authenticate(request));
    const body = await readJsonObject(request);
    if (body.action === "create") return json({ results: await create(request, caller, body) });
    if (body.action === "resend") return json({ result: await resend(request, caller, body) });
    throw invalidInput('action must be "create" or "resend".');
  }),
);

async function create(request: Request, caller: Client, body: Record<string, unknown>) {
  const { org_id: orgId, emails, role, message } = body;
  if (typeof orgId !== "string" || !uuidPattern.test(orgId))
    throw invalidInput("org_id must be a uuid.");
  if (!Array.isArray(emails) || emails.length === 0 || emails.length > 50) {
    throw invalidInput("emails must list 1 to 50 addresses.");
  }
  if (!emails.every((email) => typeof email === "string" && storableText(email)))
    throw invalidInput("Every email must be text without NUL characters or lone surrogates.");
  if (typeof role !== "string" || !roles.has(role)) {
    throw new HttpError(
      400,
      role === "owner" ? "owner_via_transfer_only" : "invalid_input",
      role === "owner"
        ? "Nobody can be invited as owner; transfer ownership instead."
        : "role must be admin, member or viewer.",
      role === "owner" ? "P0001" : "22023",
    );
  }
  if (
    message !== undefined &&
    message !== null &&
    !(typeof message === "string" && storableText(message))
  ) {
    throw invalidInput("message must be text without NUL characters or lone surrogates.");
  }

  const { data, error } = await caller.rpc("create_invitations", {
    p_org_id: orgId,
    p_emails: emails,
    p_role: role,
    p_message: message ?? null,
  });
  if (error) throw fromDatabaseError(error);
  const rows = data as Array<{
    email: string;
    invitation_id: string | null;
    token: string | null;
    status: string;
    expires_at: string | null;
  }>;

  const context = await emailContext(orgId, await callerUserId(caller));
  const outage = outageRecipients(request);
  const messageText = typeof message === "string" ? message : null;
  const outcomes = await mapLimited(rows, 5, async (row) => {
    if (row.status !== "created" || !row.token || !row.invitation_id || !row.expires_at)
      return undefined;
    return await send(context, outage, {
      invitationId: row.invitation_id,
      email: row.email,
      token: row.token,
      role,
      expiresAt: row.expires_at,
      message: messageText,
    });
  });

  return rows.map((row, index) => {
    const outcome = outcomes[index];
    if (!outcome) {
      return {
        email: row.email,
        status: row.status,
        ...(row.invitation_id ? { invitation_id: row.invitation_id } : {}),
      };
    }
    return { email: row.email, invitation_id: row.invitation_id, ...outcome };
  });
}

async function resend(request: Request, caller: Client, body: Record<string, unknown>) {
  const invitationId = body.invitation_id;
  if (typeof invitationId !== "string" || !uuidPattern.test(invitationId)) {
    throw invalidInput("invitation_id must be a uuid.");
  }
  const { data, error } = await caller.rpc("resend_invitation", { p_invitation_id: invitationId });
  if (error) throw fromDatabaseError(error);
  const resent = (Array.isArray(data) ? data[0] : data) as {
    invitation_id: string;
    token: string;
    expires_at: string;
  };

  const { data: invitation, error: readError } = await serviceClient()
    .from("invitations")
    .select("org_id, email, role, message, invited_by")
    .eq("id", invitationId)
    .single();
  if (readError) throw fromDatabaseError(readError);
  const context = await emailContext(
    invitation.org_id as string,
    invitation.invited_by as string | null,
  );
  const outcome = await send(context, outageRecipients(request), {
    invitationId,
    email: invitation.email as string,
    token: resent.token,
    role: invitation.role as string,
    expiresAt: resent.expires_at,
    message: invitation.message as string | null,
  });
  return { invitation_id: invitationId, email: invitation.email as string, ...outcome };
}

async function callerUserId(caller: Client): Promise<string | null> {
  const { data } = await caller.auth.getUser();
  return data.user?.id ?? null;
}

interface EmailContext {
  orgName: string;
  inviterName: string;
  siteUrl: string;
  transport: EmailTransport;
  from: string;
}

async function emailContext(orgId: string, inviterId: string | null): Promise<EmailContext> {
  const service = serviceClient();
  const [org, inviter] = await Promise.all([
    service.from("organizations").select("name").eq("id", orgId).single(),
    inviterId
      ? service
          .from("profiles")
          .select("display_name, email")
          .eq("user_id", inviterId)
          .maybeSingle()
      : Promise.resolve({ data: null, error: null }),
  ]);
  if (org.error) throw fromDatabaseError(org.error);
  const profile = inviter.data as { display_name: string | null; email: string | null } | null;
  return {
    orgName: org.data.name as string,
    inviterName: profile?.display_name || profile?.email || "A team member",
    siteUrl: requireEnv("SITE_URL").replace(/\/+$/, ""),
    transport: configuredTransport(),
    from: defaultFrom(),
  };
}

async function send(
  context: EmailContext,
  outage: Set<string>,
  delivery: Delivery,
): Promise<DeliveryOutcome> {
  const rendered = invitationEmail({
    orgName: context.orgName,
    inviterName: context.inviterName,
    role: delivery.role,
    expiresAt: new Date(delivery.expiresAt),
    // The address rides in the fragment, which browsers never send to a server, so the
    // accept page can prefill the sign-up form for the person who opened their own email.
    acceptUrl: `${context.siteUrl}/invite/${delivery.token}#email=${encodeURIComponent(delivery.email)}`,
    message: delivery.message,
  });
  const transport = outage.has(delivery.email.toLowerCase())
    ? downTransport(context.from)
    : context.transport;
  let outcome: DeliveryOutcome;
  try {
    await deliver(transport, { to: delivery.email, ...rendered });
    outcome = { status: "sent" };
  } catch (error) {
    outcome = { status: "failed", error: error instanceof Error ? error.message : String(error) };
    // Logs never hold a full address.
    console.warn(
      `invitation ${delivery.invitationId} to ${maskEmail(delivery.email)} not delivered: ${outcome.error}`,
    );
  }
  const { error } = await serviceClient().rpc("mark_invitation_delivery", {
    p_invitation_id: delivery.invitationId,
    p_status: outcome.status,
    p_error: outcome.error ?? null,
  });
  if (error)
    console.error(
      `could not record delivery of invitation ${delivery.invitationId}:`,
      error.message,
    );
  return outcome;
}
