// Ownership transfer emails: the request (to the person asked to become owner) and its outcome
// (accepted, declined, expired: to the owner who asked). Every user-chosen value is escaped.
import { escapeHtml, formatExpiry, type RenderedEmail } from "./templates.ts";

export type TransferEmailKind = "pending" | "accepted" | "declined" | "expired";

export interface TransferEmailInput {
  kind: TransferEmailKind;
  orgName: string;
  fromName: string;
  toName: string;
  expiresAt: Date;
  /** The organization in the SPA: where the banner offers Accept, or Settings shows the result. */
  url: string;
}

function wording(input: TransferEmailInput): { subject: string; lines: string[] } {
  const { orgName, fromName, toName } = input;
  switch (input.kind) {
    case "pending":
      return {
        subject: `${fromName} wants to make you the owner of ${orgName}`,
        lines: [
          `${fromName} asked you to become the owner of ${orgName} on Roster. If you accept, you become the owner and ${fromName} becomes an admin.`,
          `Open ${orgName} in Roster to accept or decline. The request expires on ${formatExpiry(input.expiresAt)}.`,
        ],
      };
    case "accepted":
      return {
        subject: `${toName} is now the owner of ${orgName}`,
        lines: [
          `${toName} accepted your request and is now the owner of ${orgName}. You are an admin now.`,
        ],
      };
    case "declined":
      return {
        subject: `${toName} declined ownership of ${orgName}`,
        lines: [
          `${toName} declined your request to become the owner of ${orgName}. You are still the owner; you can ask someone else from Settings.`,
        ],
      };
    case "expired":
      return {
        subject: `Your ownership transfer of ${orgName} expired`,
        lines: [
          `${toName} did not answer your request to become the owner of ${orgName} before it expired. You are still the owner; you can ask again from Settings.`,
        ],
      };
  }
}

export function transferEmail(input: TransferEmailInput): RenderedEmail {
  const { subject, lines } = wording(input);
  const flatSubject = subject.replace(/[\r\n\t]+/g, " ").slice(0, 160);
  const text = [...lines, "", `Open ${input.orgName}:`, input.url, ""].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(flatSubject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<tr><td>
<h1 style="font-size:20px;margin:0 0 16px">${e(flatSubject)}</h1>
${lines.map((line) => `<p style="margin:0 0 16px;line-height:1.5">${e(line)}</p>`).join("\n")}
<p style="margin:24px 0"><a href="${e(input.url)}" style="display:inline-block;background:#18181b;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px">Open ${e(input.orgName)}</a></p>
</td></tr>
</table>
</body>
</html>
`;
  return { subject: flatSubject, html, text };
}
