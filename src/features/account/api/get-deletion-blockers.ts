import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { accountKeys } from "./keys";

/** Organizations the person owns that others still belong to: ownership must move first. */
export async function getDeletionBlockers() {
  const { data, error } = await supabase.rpc("account_deletion_blockers");
  if (error) throw error;
  return data;
}

export function getDeletionBlockersQueryOptions() {
  return queryOptions({ queryKey: accountKeys.deletionBlockers(), queryFn: getDeletionBlockers });
}

export function useDeletionBlockers() {
  return useQuery(getDeletionBlockersQueryOptions());
}
