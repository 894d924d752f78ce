import { Navigate } from "react-router";
import { roleLabels } from "@/lib/roles";
import { useCurrentOrg } from "../hooks/use-current-org";
import { visibleOrgPages } from "../utils/org-pages";

/** "/o/:slug": the first page the user's role may open, or a note when there is none. */
export function OrgLanding() {
  const org = useCurrentOrg();
  const [first] = visibleOrgPages(org.permissions);
  if (first) return <Navigate to={first.getHref(org.slug)} replace />;

  return (
    <div className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">{org.name}</h1>
      <p className="text-muted-foreground">
        You are a {roleLabels[org.role].toLowerCase()} here. Your role has no administration pages;
        ask an owner or admin if you need more access.
      </p>
    </div>
  );
}
