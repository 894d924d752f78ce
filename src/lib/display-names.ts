import { supabase } from "./supabase";

/**
 * Current display names for `userIds` (who acted on an event, suspended or removed someone,
 * revoked an invitation): one lookup of the ids on screen, never the whole organization.
 * People the reader may not see (profiles RLS) are simply missing.
 */
export async function getDisplayNames(userIds: string[]): Promise<Record<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return {};
  const { data, error } = await supabase
    .from("profiles")
    .select("user_id, display_name")
    .in("user_id", ids);
  if (error) throw error;
  return Object.fromEntries(data.map((row) => [row.user_id, row.display_name]));
}
