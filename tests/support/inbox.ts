// Reads the mail catcher over its HTTP API, as a user would read their inbox. Two catchers
// speak two APIs: the local stand-in runs MailDev (GET /api/email lists every message with its
// body); `supabase start` runs Mailpit (v1.22.3 at CLI v2.104: GET /api/v1/search?query=to:…
// lists summaries newest first, GET /api/v1/message/<ID> has the body). Which one answers at
// stackEnv.INBOX_URL is asked once: only Mailpit serves /api/v1/info.
import { stackEnv } from "./stack.ts";

export interface InboxEmail {
  id: string;
  subject: string;
  to: string[];
  text: string;
  html: string;
}

interface Mailbox {
  kind: "maildev" | "mailpit";
  // Messages to `address`, newest first; `read` completes one with its body.
  list(address: string): Promise<InboxEmail[]>;
  read(email: InboxEmail): Promise<InboxEmail>;
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

// MailDev's message: { id, subject, to: [{ address, name }], text, html }.
export function fromMailDev(message: unknown): InboxEmail {
  const m = message as {
    id: string;
    subject?: string;
    to: Array<{ address: string }>;
    text?: string;
    html?: string;
  };
  return {
    id: m.id,
    subject: m.subject ?? "",
    to: m.to.map((r) => r.address),
    text: m.text ?? "",
    html: m.html ?? "",
  };
}

// Mailpit's MessageSummary (search results) or Message (one message, with Text and HTML).
export function fromMailpit(message: unknown): InboxEmail {
  const m = message as {
    ID: string;
    Subject: string;
    To: Array<{ Address: string }> | null;
    Text?: string;
    HTML?: string;
  };
  return {
    id: m.ID,
    subject: m.Subject,
    to: (m.To ?? []).map((r) => r.Address),
    text: m.Text ?? "",
    html: m.HTML ?? "",
  };
}

function mailDev(base: string): Mailbox {
  return {
    kind: "maildev",
    async list(address) {
      const all = ((await getJson(`${base}/api/email`)) as unknown[]).map(fromMailDev);
      return all.filter((e) => e.to.some((to) => sameAddress(to, address))).reverse();
    },
    read: (email) => Promise.resolve(email),
  };
}

function mailpit(base: string): Mailbox {
  return {
    kind: "mailpit",
    async list(address) {
      const query = new URLSearchParams({ query: `to:${address}`, limit: "200" });
      const found = (await getJson(`${base}/api/v1/search?${query}`)) as { messages: unknown[] };
      // `to:` matches part of an address; keep exact recipients only.
      return found.messages
        .map(fromMailpit)
        .filter((e) => e.to.some((to) => sameAddress(to, address)));
    },
    read: async (email) =>
      fromMailpit(await getJson(`${base}/api/v1/message/${encodeURIComponent(email.id)}`)),
  };
}

let detected: Promise<Mailbox> | undefined;

export function mailbox(): Promise<Mailbox> {
  const base = stackEnv.INBOX_URL.replace(/\/+$/, "");
  detected ??= fetch(`${base}/api/v1/info`).then(
    async (response) => {
      const info = response.ok ? ((await response.json()) as { Version?: string }) : {};
      return info.Version ? mailpit(base) : mailDev(base);
    },
    () => mailDev(base),
  );
  return detected;
}

// How many messages were sent to `address` so far.
export async function countEmails(address: string): Promise<number> {
  return (await (await mailbox()).list(address)).length;
}

// The newest message to `to`, waiting for one to arrive.
export async function waitForEmail(to: string, timeoutMs = 10_000): Promise<InboxEmail> {
  const box = await mailbox();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [newest] = await box.list(to);
    if (newest) return box.read(newest);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to} arrived within ${timeoutMs}ms`);
}

export function firstLink(email: InboxEmail): string {
  const link = (email.text || email.html).match(/https?:\/\/[^\s"'<>]+/)?.[0];
  if (!link) throw new Error(`email "${email.subject}" has no link`);
  return link.replaceAll("&amp;", "&");
}

// The 6-digit code an auth email carries ("Or enter this code: …", "Enter the code: …").
export function emailedCode(email: InboxEmail): string {
  const code = /code: (\d{6})/.exec(email.text || email.html)?.[1];
  if (!code) throw new Error(`email "${email.subject}" has no code`);
  return code;
}
