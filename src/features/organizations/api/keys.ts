export const organizationKeys = {
  all: ["organizations"] as const,
  mine: () => [...organizationKeys.all, "mine"] as const,
  access: () => [...organizationKeys.all, "access"] as const,
  invitations: () => [...organizationKeys.all, "invitations"] as const,
  permissions: (orgId: string, role: string) =>
    [...organizationKeys.all, orgId, "permissions", role] as const,
  slugSuggestion: (slug: string) => [...organizationKeys.all, "slug-suggestion", slug] as const,
};
