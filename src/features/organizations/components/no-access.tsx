import { ShieldOffIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { canOpenPage, type OrgPage, visibleOrgPages } from "@/lib/org-pages";
import { roleLabels } from "@/lib/roles";
import { useCurrentOrg } from "@/kit/current-org";

/**
 * Renders the page only for roles holding its permission; anyone else (a typed URL, a bookmark,
 * a role changed mid-session) learns which permission it needs and who can grant it.
 */
export function RequirePagePermission({ page, children }: { page: OrgPage; children: ReactNode }) {
  const org = useCurrentOrg();
  if (canOpenPage(page, org.permissions)) return children;
  const role = roleLabels[org.role];
  // Never empty: Settings is open to every member.
  const elsewhere = visibleOrgPages(org.permissions)[0]!;
  return (
    <div className="grid max-w-2xl justify-items-start gap-4">
      <ShieldOffIcon aria-hidden className="size-8 text-muted-foreground" />
      <h1 className="text-2xl font-semibold tracking-tight">
        You don't have access to {page.label}
      </h1>
      <p>
        {page.label} needs the <code>{page.permission}</code> permission ({page.need}). Your role in{" "}
        {org.name}, {role}, doesn't include it.
      </p>
      <p className="text-muted-foreground">
        The owner or an admin of {org.name} can give you a role that has it, and the owner can add
        it to the {role} role on the Roles page.
      </p>
      <Button asChild variant="outline">
        <Link to={elsewhere.getHref(org.slug)}>Go to {elsewhere.label}</Link>
      </Button>
    </div>
  );
}
