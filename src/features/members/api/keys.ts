export const memberKeys = {
  all: ["members"] as const,
  /** Everything about one organization's people: a change to any of it invalidates this. */
  org: (orgId: string) => [...memberKeys.all, orgId] as const,
  list: (orgId: string) => [...memberKeys.org(orgId), "list"] as const,
  invitations: (orgId: string) => [...memberKeys.org(orgId), "invitations"] as const,
  activity: (orgId: string, userId: string) =>
    [...memberKeys.org(orgId), "activity", userId] as const,
};
