import type { User } from "@supabase/auth-js";

/** The name to show for a user: their full name, else their email. */
export function getDisplayName(user: User): string {
  const fullName: unknown = user.user_metadata.full_name;
  if (typeof fullName === "string" && fullName.trim()) return fullName.trim();
  return user.email ?? "Your account";
}
