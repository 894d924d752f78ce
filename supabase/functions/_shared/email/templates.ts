// Invitation email: HTML plus a plain-text part. Every value that a user chose (org name,
// inviter name, personal message, email) is escaped in the HTML; the link is built by us from
// SITE_URL and a base64url token, and is escaped too.
export interface InvitationEmailInput {
  orgName: string;
  inviterName: string;
  role: string;
  expiresAt: Date;
  acceptUrl: string;
  message?: string | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const htmlEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char]!);
}

// Subjects are a header: no line breaks, bounded length.
function headerText(value: string, max = 120): string {
  const flat = value.replace(/[\r\n\t]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const roleLabels: Record<string, string> = { admin: "Admin", member: "Member", viewer: "Viewer" };

export function formatExpiry(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const role = roleLabels[input.role] ?? input.role;
  const expires = formatExpiry(input.expiresAt);
  const message = input.message?.trim() || undefined;
  const subject = headerText(`${input.inviterName} invited you to join ${input.orgName} on Roster`);

  const text = [
    `${input.inviterName} invited you to join ${input.orgName} on Roster as ${role}.`,
    ...(message ? ["", `Message from ${input.inviterName}:`, message] : []),
    "",
    "Accept the invitation:",
    input.acceptUrl,
    "",
    `This invitation expires on ${expires}. If you did not expect it, you can ignore this email.`,
    "",
  ].join("\n");

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<tr><td>
<h1 style="font-size:20px;margin:0 0 16px">Join ${e(input.orgName)} on Roster</h1>
<p style="margin:0 0 16px;line-height:1.5"><strong>${e(input.inviterName)}</strong> invited you to join <strong>${e(input.orgName)}</strong> as <strong>${e(role)}</strong>.</p>
${message ? `<blockquote style="margin:0 0 16px;padding:12px 16px;border-left:3px solid #d4d4d8;color:#3f3f46;white-space:pre-wrap">${e(message)}</blockquote>\n` : ""}<p style="margin:24px 0"><a href="${e(input.acceptUrl)}" style="display:inline-block;background:#18181b;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px">Accept invitation</a></p>
<p style="margin:0 0 8px;font-size:13px;color:#52525b">Or open this link: <a href="${e(input.acceptUrl)}">${e(input.acceptUrl)}</a></p>
<p style="margin:0;font-size:13px;color:#52525b">This invitation expires on ${e(expires)}. If you did not expect it, you can ignore this email.</p>
</td></tr>
</table>
</body>
</html>
`;
  return { subject, html, text };
}
