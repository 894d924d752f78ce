import { paths } from "@/config/paths";

/**
 * The organization's pages, each shown only to roles holding its permission. Settings has none:
 * every active member may read the team information and leave there; its admin parts check
 * settings.write and ownership themselves (and the server decides).
 */
export const orgPages = [
  { label: "Members", permission: "members.read", getHref: paths.members.getHref },
  { label: "Roles", permission: "members.read", getHref: paths.roles.getHref },
  { label: "Audit log", permission: "audit.read", getHref: paths.audit.getHref },
  { label: "Settings", permission: null, getHref: paths.settings.getHref },
] as const;

export function canOpenPage(page: (typeof orgPages)[number], permissions: ReadonlySet<string>) {
  return page.permission === null || permissions.has(page.permission);
}

export function visibleOrgPages(permissions: ReadonlySet<string>) {
  return orgPages.filter((page) => canOpenPage(page, permissions));
}
