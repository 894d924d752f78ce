export const settingsKeys = {
  all: ["settings"] as const,
  organization: (orgId: string) => [...settingsKeys.all, orgId, "organization"] as const,
};
