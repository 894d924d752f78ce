import { paths } from "@/config/paths";

/** The organization's pages, each shown only to roles holding its permission. */
export const orgPages = [
  { label: "Members", permission: "members.read", getHref: paths.members.getHref },
  { label: "Roles", permission: "members.read", getHref: paths.roles.getHref },
  { label: "Audit log", permission: "audit.read", getHref: paths.audit.getHref },
  { label: "Settings", permission: "settings.read", getHref: paths.settings.getHref },
] as const;

export function visibleOrgPages(permissions: ReadonlySet<string>) {
  return orgPages.filter((page) => permissions.has(page.permission));
}
