import { accessKeys } from "@/kit/api/keys";

export const organizationKeys = {
  ...accessKeys,
  access: () => [...accessKeys.all, "access"] as const,
  invitations: () => [...accessKeys.all, "invitations"] as const,
  slugSuggestion: (slug: string) => [...accessKeys.all, "slug-suggestion", slug] as const,
};
