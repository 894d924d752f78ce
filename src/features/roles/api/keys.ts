export const roleKeys = {
  all: ["roles"] as const,
  matrix: (orgId: string) => [...roleKeys.all, orgId, "matrix"] as const,
  memberCount: (orgId: string, role: string) =>
    [...roleKeys.all, orgId, "member-count", role] as const,
};
