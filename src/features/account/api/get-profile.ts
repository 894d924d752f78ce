import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { accountKeys } from "./keys";

/** The signed-in person's own profile row (RLS shows only theirs under this filter). */
export async function getProfile(userId: string) {
  const { data, error } = await supabase
    .from("profiles")
    .select("display_name")
    .eq("user_id", userId)
    .single();
  if (error) throw error;
  return data;
}

export function getProfileQueryOptions(userId: string) {
  return queryOptions({ queryKey: accountKeys.profile(), queryFn: () => getProfile(userId) });
}

export function useProfile(userId: string) {
  return useQuery(getProfileQueryOptions(userId));
}
