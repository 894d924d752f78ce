/**
 * Masks an address the way the invitation preview does (first character of the local part,
 * `***@`, the domain), so the signed-in email can be compared with the invited one.
 */
export function maskEmail(email: string): string {
  const lower = email.toLowerCase();
  const at = lower.indexOf("@");
  const local = at === -1 ? lower : lower.slice(0, at);
  const domain = at === -1 ? "" : (lower.slice(at + 1).split("@")[0] ?? "");
  return `${local.slice(0, 1)}***@${domain}`;
}
