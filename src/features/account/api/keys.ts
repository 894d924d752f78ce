export const accountKeys = {
  all: ["account"] as const,
  profile: () => [...accountKeys.all, "profile"] as const,
  deletionBlockers: () => [...accountKeys.all, "deletion-blockers"] as const,
};
