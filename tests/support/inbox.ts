// Reads the mail catcher (MailDev) over its HTTP API, as a user would read their inbox.
import { stackEnv } from "./stack.ts";

interface InboxEmail {
  id: string;
  subject: string;
  to: Array<{ address: string }>;
  text?: string;
  html?: string;
}

export async function waitForEmail(to: string, timeoutMs = 10_000): Promise<InboxEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const emails = (await (await fetch(stackEnv.INBOX_API_URL)).json()) as InboxEmail[];
    const match = emails
      .filter((e) => e.to.some((r) => r.address.toLowerCase() === to.toLowerCase()))
      .at(-1);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to} arrived within ${timeoutMs}ms`);
}

export function firstLink(email: InboxEmail): string {
  const link = (email.text ?? email.html ?? "").match(/https?:\/\/[^\s"'<>]+/)?.[0];
  if (!link) throw new Error(`email "${email.subject}" has no link`);
  return link.replaceAll("&amp;", "&");
}
