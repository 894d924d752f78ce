import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { authKeys } from "./keys";

export async function getSession() {
  const { data, error } = await supabase.auth.getSession();
  if (error) throw error;
  return data.session;
}

export function getSessionQueryOptions() {
  return queryOptions({
    queryKey: authKeys.session(),
    queryFn: getSession,
    // Never refetched: subscribeToAuthChanges pushes every change into the cache.
    staleTime: Infinity,
  });
}

/** The signed-in session, or null when signed out. */
export function useSession() {
  return useQuery(getSessionQueryOptions());
}

/**
 * Mirrors Supabase Auth events (sign-in, sign-out, token refresh, changes made
 * in other tabs) into the session query. Returns the unsubscribe function.
 */
export function subscribeToAuthChanges(queryClient: QueryClient) {
  const { queryKey } = getSessionQueryOptions();
  const { data } = supabase.auth.onAuthStateChange((_event, session) => {
    const previous = queryClient.getQueryData(queryKey);
    if (previous?.user.id !== session?.user.id) {
      // One person's cached server data must not outlive their session.
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] !== authKeys.all[0],
      });
    }
    queryClient.setQueryData(queryKey, session);
  });
  return () => data.subscription.unsubscribe();
}
