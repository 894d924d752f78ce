import type { User } from "@supabase/supabase-js";

/** The name to show for a user: their full name, else their email. */
export function getDisplayName(user: User): string {
  const fullName: unknown = user.user_metadata.full_name;
  if (typeof fullName === "string" && fullName.trim()) return fullName.trim();
  return user.email ?? "Your account";
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
