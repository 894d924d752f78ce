// Masks an email for people who must not learn it: first character of the local part, then
// `***@` and the domain (`s***@tehrandental.co`), matching get_invitation_preview.
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const first = Array.from(email.slice(0, at))[0] ?? "";
  return `${first}***@${email.slice(at + 1)}`;
}
