// Membership, role and the permission matrix change under an open page (a suspension, a new
// role, an edited matrix). Queries about them refetch when the window regains focus and every
// 30 s while it is visible; any refusal from the server refetches them at once (app provider).
export const liveQueryOptions = {
  refetchOnWindowFocus: "always",
  refetchInterval: 30_000,
} as const;
