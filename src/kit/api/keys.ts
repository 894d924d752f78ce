// The signed-in user's organizations and what their role may do there. Everything the SPA knows
// about the user's access sits under this root, so one invalidation refetches all of it.
export const accessKeys = {
  all: ["organizations"] as const,
  mine: () => [...accessKeys.all, "mine"] as const,
  permissions: (orgId: string, role: string) =>
    [...accessKeys.all, orgId, "permissions", role] as const,
};
