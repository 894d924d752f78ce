import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { organizationKeys } from "./keys";

/** A free address near `slug`: itself if free, else `slug-2`, `slug-3`, … */
export async function suggestOrganizationSlug(slug: string): Promise<string> {
  const { data, error } = await supabase.rpc("suggest_organization_slug", { p_slug: slug });
  if (error) throw error;
  return data;
}

export function getSlugSuggestionQueryOptions(slug: string) {
  return queryOptions({
    queryKey: organizationKeys.slugSuggestion(slug),
    queryFn: () => suggestOrganizationSlug(slug),
    // Freshly asked each time an address turns out taken.
    staleTime: 0,
  });
}

export function useSlugSuggestion(slug: string, enabled: boolean) {
  return useQuery({ ...getSlugSuggestionQueryOptions(slug), enabled });
}
