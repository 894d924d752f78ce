import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { paths } from "@/config/paths";
import { roleLabels, type OrgRole } from "@/lib/roles";

export type AccountOrganization = { id: string; slug: string; name: string; role: OrgRole };

export function OrganizationsCard({ organizations }: { organizations: AccountOrganization[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Organizations</h2>
        </CardTitle>
        <CardDescription>Where you are a member, and your role there.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y">
          {organizations.map((org) => (
            <li key={org.id} className="flex items-center justify-between gap-4 py-2">
              <Link
                to={paths.org.getHref(org.slug)}
                className="truncate font-medium underline-offset-4 hover:underline"
              >
                {org.name}
              </Link>
              <Badge variant="secondary">{roleLabels[org.role]}</Badge>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
