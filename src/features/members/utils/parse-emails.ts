// What the server accepts (docs/database.md, create_invitations): ASCII local@domain.tld, ≤ 254.
const emailPattern =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && emailPattern.test(email);
}

/** Splits pasted or typed text on commas, semicolons, spaces and newlines; lower-cased. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
}

/** Adds `incoming` to `current`, leaving out addresses already present. */
export function mergeEmails(current: readonly string[], incoming: readonly string[]): string[] {
  const merged = [...current];
  for (const email of incoming) if (!merged.includes(email)) merged.push(email);
  return merged;
}
