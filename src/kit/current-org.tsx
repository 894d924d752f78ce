import { createContext, type ReactNode, use } from "react";
import { type MyOrganization, useMyOrganizations } from "./api/get-my-organizations";
import { useRolePermissions } from "./api/get-role-permissions";

/** An organization the user is an active member of, with what their role may do there. */
export type CurrentOrg = MyOrganization & { permissions: ReadonlySet<string> };

export type OrgBySlug =
  | { status: "none" }
  | { status: "loading" }
  | { status: "error"; error: unknown; retry: () => void }
  | { status: "missing"; slug: string }
  | { status: "ready"; org: CurrentOrg };

/**
 * Resolves a slug against the user's active memberships and reads their role's permissions from
 * the live matrix. "missing" covers an unknown slug and an organization the user can't see; the
 * server treats both as not found too.
 */
export function useOrgBySlug(slug: string | undefined): OrgBySlug {
  const organizations = useMyOrganizations();
  const org = organizations.data?.find((candidate) => candidate.slug === slug);
  const permissions = useRolePermissions(org?.id, org?.role);

  if (!slug) return { status: "none" };
  if (organizations.isError) {
    return { status: "error", error: organizations.error, retry: organizations.refetch };
  }
  if (organizations.isPending) return { status: "loading" };
  if (!org) return { status: "missing", slug };
  if (permissions.isError) {
    return { status: "error", error: permissions.error, retry: permissions.refetch };
  }
  if (permissions.isPending) return { status: "loading" };
  return { status: "ready", org: { ...org, permissions: permissions.data } };
}

const CurrentOrgContext = createContext<CurrentOrg | null>(null);

/** Makes `org` the current organization for everything below it. */
export function CurrentOrgProvider({ org, children }: { org: CurrentOrg; children: ReactNode }) {
  return <CurrentOrgContext value={org}>{children}</CurrentOrgContext>;
}

/** The current organization; only inside <CurrentOrgProvider>. */
export function useCurrentOrg(): CurrentOrg {
  const org = use(CurrentOrgContext);
  if (!org) throw new Error("useCurrentOrg() must be called inside <CurrentOrgProvider>.");
  return org;
}
