// POST /functions/v1/ownership-transfers — emails about ownership transfers, with delivery
// recorded on the transfer row (delivery_status, send_count, last_sent_at, delivery_error).
//
//   { action: "notify", transfer_id }  caller's JWT; someone who can see the transfer (its two
//     people while active members, or members.read holders). Sends whatever mail it owes now:
//     the request to the target, or the outcome to the owner who asked.
//     → { results: [{ transfer_id, status, to, delivery: sent|failed, error? }] }
//   { action: "sweep" }  service role only. Sends every email still owed, oldest first (expiries
//     included: expire_stale() only changes the status). The local stack's expiry timer calls
//     it every minute; on hosted Supabase, schedule it with Supabase Cron (see README).
//
// claim_transfer_emails marks each email as claimed before it is sent, so concurrent callers
// never send the same one twice.
import { preflight } from "../_shared/cors.ts";
import {
  forbidden,
  fromDatabaseError,
  handle,
  HttpError,
  invalidInput,
  json,
  readJsonObject,
  requireEnv,
} from "../_shared/http.ts";
import { authenticate } from "../_shared/auth.ts";
import { callerClient, serviceClient } from "../_shared/supabase.ts";
import { maskEmail } from "../_shared/mask.ts";
import { transferEmail, type TransferEmailKind } from "../_shared/email/transfer.ts";
import { configuredTransport, deliver } from "../_shared/email/transport.ts";
import { mapLimited } from "../_shared/concurrency.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface OwedEmail {
  transfer_id: string;
  status: TransferEmailKind;
  org_name: string;
  org_slug: string;
  from_email: string | null;
  from_name: string | null;
  to_email: string | null;
  to_name: string | null;
  expires_at: string;
}

Deno.serve(
  handle(async (request) => {
    const early = preflight(request);
    if (early) return early;
    if (request.method !== "POST") throw new HttpError(405, "invalid_input", "Use POST.");
    const caller = await authenticate(request);
    const body = await readJsonObject(request);
    if (body.action === "sweep") {
      if (caller.role !== "service_role") {
        throw forbidden("Sweeping transfer emails needs the service role key.");
      }
      return json({ results: await sendOwed(null) });
    }
    if (body.action !== "notify") throw invalidInput('action must be "notify" or "sweep".');
    const transferId = body.transfer_id;
    if (typeof transferId !== "string" || !uuidPattern.test(transferId)) {
      throw invalidInput("transfer_id must be a uuid.");
    }
    // RLS decides who may ask: a transfer the caller cannot read does not exist for them.
    const { data, error } = await callerClient(request, caller)
      .from("ownership_transfers")
      .select("id")
      .eq("id", transferId)
      .maybeSingle();
    if (error) throw fromDatabaseError(error);
    if (!data) throw new HttpError(404, "not_found", "Ownership transfer not found.", "PT404");
    return json({ results: await sendOwed(transferId) });
  }),
);

async function sendOwed(transferId: string | null) {
  const service = serviceClient();
  const { data, error } = await service.rpc("claim_transfer_emails", {
    p_transfer_id: transferId,
  });
  if (error) throw fromDatabaseError(error);
  const owed = (data ?? []) as OwedEmail[];
  const siteUrl = requireEnv("SITE_URL").replace(/\/+$/, "");
  const transport = configuredTransport();
  // a few at a time: a sweep may owe many emails
  return await mapLimited(owed, 5, async (email) => {
    // The request goes to the person asked; every outcome to the owner who asked.
    const to = email.status === "pending" ? email.to_email : email.from_email;
    let outcome: { delivery: "sent" | "failed"; error?: string };
    try {
      if (!to) throw new Error("The recipient has no email address.");
      await deliver(transport, {
        to,
        ...transferEmail({
          kind: email.status,
          orgName: email.org_name,
          fromName: email.from_name || email.from_email || "The owner",
          toName: email.to_name || email.to_email || "The new owner",
          expiresAt: new Date(email.expires_at),
          url: `${siteUrl}/o/${email.org_slug}`,
        }),
      });
      outcome = { delivery: "sent" };
    } catch (failure) {
      outcome = {
        delivery: "failed",
        error: failure instanceof Error ? failure.message : String(failure),
      };
      // Logs never hold a full address.
      console.warn(
        `transfer ${email.transfer_id} email to ${to ? maskEmail(to) : "(none)"} not delivered: ${outcome.error}`,
      );
    }
    const marked = await service.rpc("mark_transfer_delivery", {
      p_transfer_id: email.transfer_id,
      p_status: outcome.delivery,
      p_error: outcome.error ?? null,
    });
    if (marked.error) {
      console.error(
        `could not record delivery of transfer ${email.transfer_id}:`,
        marked.error.message,
      );
    }
    return {
      transfer_id: email.transfer_id,
      status: email.status,
      to: to ? maskEmail(to) : null,
      ...outcome,
    };
  });
}
