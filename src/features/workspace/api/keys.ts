export const workspaceKeys = {
  all: ["workspace"] as const,
  table: (orgId: string, table: string) => [...workspaceKeys.all, orgId, table] as const,
};
