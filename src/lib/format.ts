const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "long" });

/** A moment to the second, with its time zone: "Mar 4, 2026, 9:41:07 AM UTC". */
export function formatDateTime(value: string | Date): string {
  return dateTimeFormat.format(new Date(value));
}

/** A calendar date such as "Mar 4, 2026". */
export function formatDate(value: string | Date): string {
  return dateFormat.format(new Date(value));
}

// Hours are counted up to `hoursUpTo`, then whole days.
function amount(ms: number, hoursUpTo = day): string {
  if (ms < hour) return `${Math.max(1, Math.floor(ms / minute))} min`;
  if (ms < hoursUpTo) return `${Math.floor(ms / hour)} h`;
  const days = Math.floor(ms / day);
  return days === 1 ? "1 day" : `${days} days`;
}

/** How long ago, as people say it: "just now", "2 min ago", "3 h ago", "5 days ago". */
export function formatTimeAgo(value: string | Date, now = Date.now()): string {
  const elapsed = now - new Date(value).getTime();
  if (elapsed < minute) return "just now";
  if (elapsed >= 30 * day) return formatDate(value);
  return `${amount(elapsed)} ago`;
}

/** Time left until a deadline: "in 47 h" (hours up to two days), "in 3 days"; null once passed. */
export function formatTimeLeft(value: string | Date, now = Date.now()): string | null {
  const left = new Date(value).getTime() - now;
  return left > 0 ? `in ${amount(left, 2 * day)}` : null;
}

/** Up to two initials for an avatar: "Dana Owner" → "DO", "dana@acme.test" → "D". */
export function getInitials(name: string): string {
  const words = name
    .replace(/@.*/, "")
    .split(/[\s._-]+/)
    .filter(Boolean);
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}
