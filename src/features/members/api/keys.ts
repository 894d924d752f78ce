import type { MemberFilters } from "../utils/member-filters";

export const memberKeys = {
  all: ["members"] as const,
  /** Everything about one organization's people: a change to any of it invalidates this. */
  org: (orgId: string) => [...memberKeys.all, orgId] as const,
  list: (orgId: string, filters: MemberFilters) =>
    [...memberKeys.org(orgId), "list", filters] as const,
  counts: (orgId: string, search: string, role: MemberFilters["role"]) =>
    [...memberKeys.org(orgId), "counts", { search, role }] as const,
  names: (orgId: string, userIds: readonly string[]) =>
    [...memberKeys.org(orgId), "names", userIds] as const,
  invitations: (orgId: string) => [...memberKeys.org(orgId), "invitations"] as const,
  activity: (orgId: string, userId: string) =>
    [...memberKeys.org(orgId), "activity", userId] as const,
};
