// Local stack only. With EMAIL_TEST_OUTAGE=1 in the function's environment (the Docker-free
// stack sets it; production never does), a request may name recipients in the
// `x-roster-smtp-outage` header (comma-separated). Mail to them goes through a real SMTP
// transport pointed at a port where nothing listens, so the delivery fails the way it does
// when the mail server is down, for that one request. API tests use it to produce a failure
// that a later resend can recover from. Without the variable the header is ignored.
import type { EmailTransport } from "./transport.ts";
import { SmtpTransport } from "./smtp.ts";

export const outageHeader = "x-roster-smtp-outage";

export function outageRecipients(request: Request, env = Deno.env): Set<string> {
  if (env.get("EMAIL_TEST_OUTAGE") !== "1") return new Set();
  const header = request.headers.get(outageHeader) ?? "";
  return new Set(
    header
      .split(",")
      .map((address) => address.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function downTransport(from: string): EmailTransport {
  // Port 9 (discard) on loopback: nothing listens there on a developer machine or in CI.
  return new SmtpTransport({ host: "127.0.0.1", port: 9, secure: false, from });
}
