import { Navigate } from "react-router";
import { visibleOrgPages } from "@/lib/org-pages";
import { useCurrentOrg } from "@/kit/current-org";

/** "/o/:slug": the first page the user's role may open (Settings is open to every member). */
export function OrgLanding() {
  const org = useCurrentOrg();
  // Never empty: Settings is open to every member.
  const first = visibleOrgPages(org.permissions)[0]!;
  return <Navigate to={first.getHref(org.slug)} replace />;
}
