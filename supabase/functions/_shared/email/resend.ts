// An HTTP email API of the Resend kind: POST JSON { from, to, subject, html, text } with a
// bearer API key. Any provider with that request shape works via RESEND_API_URL.
import type { EmailMessage, EmailTransport } from "./transport.ts";

export interface ResendOptions {
  apiKey: string;
  from: string;
  url?: string;
  fetch?: typeof fetch;
}

export class ResendTransport implements EmailTransport {
  readonly name = "resend";

  constructor(private readonly options: ResendOptions) {}

  async send(message: EmailMessage): Promise<void> {
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(this.options.url ?? "https://api.resend.com/emails", {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.options.apiKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        from: this.options.from,
        to: [message.to],
        subject: message.subject,
        html: message.html,
        text: message.text,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) {
      const body = await response.text().catch(() => "");
      let detail = body;
      try {
        detail = (JSON.parse(body) as { message?: string }).message ?? body;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`Email API answered ${response.status}: ${detail.slice(0, 300)}`);
    }
    await response.body?.cancel();
  }
}
