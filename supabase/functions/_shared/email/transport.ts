// One interface for sending email, two real implementations chosen by the environment:
//   EMAIL_TRANSPORT=smtp   (default) SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_SECURE
//   EMAIL_TRANSPORT=resend RESEND_API_KEY, RESEND_API_URL (default https://api.resend.com/emails)
// EMAIL_FROM is the sender for both.
import { ResendTransport } from "./resend.ts";
import { SmtpTransport } from "./smtp.ts";

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface EmailTransport {
  readonly name: string;
  // Resolves when the provider accepted the message; rejects with a readable reason otherwise.
  send(message: EmailMessage): Promise<void>;
}

export class DeliveryError extends Error {}

// RFC 2606 / RFC 6761 reserve `.invalid`: no mail can ever be delivered there, so we refuse it
// before talking to a provider (and tests use it to produce a real, recorded failure).
export function undeliverableReason(address: string): string | undefined {
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  if (domain === "invalid" || domain.endsWith(".invalid")) {
    return `The domain ${domain} is reserved (RFC 2606) and cannot receive email.`;
  }
  return undefined;
}

type Env = { get(name: string): string | undefined };

export function defaultFrom(env: Env = Deno.env): string {
  return env.get("EMAIL_FROM") || "Roster <no-reply@roster.localhost>";
}

const transportKind = (env: Env) => (env.get("EMAIL_TRANSPORT") || "smtp").toLowerCase();
const smtpPort = (env: Env) => Number(env.get("SMTP_PORT") || "587");

// Hosted Edge Functions may not connect out to ports 25 and 587
// (https://supabase.com/docs/guides/functions/limits, "Other limits & restrictions"). Only the
// hosted runtime sets SB_REGION (https://supabase.com/docs/guides/functions/secrets); neither
// `supabase start` nor the local stand-in does.
const blockedOnHosted = new Set([25, 587]);

// Why email cannot leave from here with this configuration, or undefined when it can.
export function blockedPortReason(env: Env = Deno.env): string | undefined {
  if (!env.get("SB_REGION") || transportKind(env) !== "smtp") return undefined;
  const port = smtpPort(env);
  if (!blockedOnHosted.has(port)) return undefined;
  return `Supabase blocks outgoing connections to port ${port} from hosted Edge Functions. Set SMTP_PORT=465 with SMTP_SECURE=true, or EMAIL_TRANSPORT=resend with RESEND_API_KEY.`;
}

export function transportFromEnv(env: Env = Deno.env): EmailTransport {
  const kind = transportKind(env);
  const from = defaultFrom(env);
  if (kind === "resend") {
    const apiKey = env.get("RESEND_API_KEY");
    if (!apiKey) throw new Error("EMAIL_TRANSPORT=resend needs RESEND_API_KEY.");
    return new ResendTransport({ apiKey, from, url: env.get("RESEND_API_URL") || undefined });
  }
  if (kind === "smtp") {
    return new SmtpTransport({
      host: env.get("SMTP_HOST") || "127.0.0.1",
      port: smtpPort(env),
      secure: env.get("SMTP_SECURE") === "true",
      user: env.get("SMTP_USER") || undefined,
      pass: env.get("SMTP_PASS") || undefined,
      from,
    });
  }
  throw new Error(`Unknown EMAIL_TRANSPORT "${kind}" (use smtp or resend).`);
}

// The configured transport; a misconfigured one fails each delivery (recorded, retryable)
// instead of the request that wanted to send it.
export function configuredTransport(env: Env = Deno.env): EmailTransport {
  try {
    return transportFromEnv(env);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      name: "unconfigured",
      send: () => Promise.reject(new Error(reason)),
    };
  }
}

// Sends through `transport` unless the address can never receive mail.
export async function deliver(transport: EmailTransport, message: EmailMessage): Promise<void> {
  const reason = undeliverableReason(message.to);
  if (reason) throw new DeliveryError(reason);
  await transport.send(message);
}
