import { paths } from "@/config/paths";

/**
 * The organization's pages, each shown only to roles holding its permission. Settings has none:
 * every active member may read the team information and leave there; its admin parts check
 * settings.write and ownership themselves (and the server decides).
 */
export const orgPages = [
  {
    label: "Members",
    permission: "members.read",
    need: "view members and invitations",
    getHref: paths.members.getHref,
  },
  {
    label: "Roles",
    permission: "members.read",
    need: "view members and invitations",
    getHref: paths.roles.getHref,
  },
  {
    label: "Audit log",
    permission: "audit.read",
    need: "read the audit log",
    getHref: paths.audit.getHref,
  },
  {
    label: "Workspace",
    permission: "customers.read",
    need: "view customers",
    getHref: paths.workspace.getHref,
  },
  { label: "Settings", permission: null, need: null, getHref: paths.settings.getHref },
] as const;

export type OrgPage = (typeof orgPages)[number];

export function orgPage(label: OrgPage["label"]): OrgPage {
  return orgPages.find((page) => page.label === label)!;
}

export function canOpenPage(page: OrgPage, permissions: ReadonlySet<string>) {
  return page.permission === null || permissions.has(page.permission);
}

export function visibleOrgPages(permissions: ReadonlySet<string>) {
  return orgPages.filter((page) => canOpenPage(page, permissions));
}
