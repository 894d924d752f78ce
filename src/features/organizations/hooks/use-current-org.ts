import { createContext, use } from "react";
import { useParams } from "react-router";
import type { MyOrganization } from "../api/get-my-organizations";
import { useMyOrganizations } from "../api/get-my-organizations";
import { useRolePermissions } from "../api/get-role-permissions";

/** The organization in the URL, with what the user's role may do there. */
export type CurrentOrg = MyOrganization & { permissions: ReadonlySet<string> };

type OrgFromUrl =
  | { status: "none" }
  | { status: "loading" }
  | { status: "error"; error: unknown; retry: () => void }
  | { status: "missing"; slug: string }
  | { status: "ready"; org: CurrentOrg };

/**
 * Resolves `/o/:slug` against the user's active memberships. "missing" covers an unknown slug
 * and an organization the user can't see; the server treats both as not found too.
 */
export function useOrgFromUrl(): OrgFromUrl {
  const { slug } = useParams();
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

export const CurrentOrgContext = createContext<CurrentOrg | null>(null);

/** The current organization; only inside <OrgGate>. */
export function useCurrentOrg(): CurrentOrg {
  const org = use(CurrentOrgContext);
  if (!org) throw new Error("useCurrentOrg() must be called inside <OrgGate>.");
  return org;
}
