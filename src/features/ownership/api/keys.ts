export const ownershipKeys = {
  all: ["ownership"] as const,
  pending: () => [...ownershipKeys.all, "pending"] as const,
  candidates: (orgId: string) => [...ownershipKeys.all, orgId, "candidates"] as const,
};
