import { CircleAlertIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { Link, Navigate } from "react-router";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { getErrorMessage } from "@/lib/errors";
import { usePreferences } from "@/stores/preferences";
import { useMyAccess } from "../api/get-my-access";
import { useMyInvitations } from "../api/get-my-invitations";
import { useMyOrganizations } from "@/kit/api/get-my-organizations";
import { describeLostAccess } from "./access-lost";
import { CreateOrganizationDialog } from "./create-organization-dialog";
import { PendingInvitations } from "./pending-invitations";

/** What happened to the organizations the user no longer belongs to. */
function LostAccess() {
  const access = useMyAccess();
  const lost = (access.data ?? []).flatMap((row) => {
    const explained = describeLostAccess(row);
    return explained ? [{ id: row.orgId, ...explained }] : [];
  });
  if (lost.length === 0) {
    return (
      <p className="text-muted-foreground">
        You are not an active member of any organization. Create one, or open the invitation link
        someone sent you.
      </p>
    );
  }
  return (
    <ul className="grid w-full max-w-2xl gap-2">
      {lost.map((row) => (
        <li key={row.id} className="grid gap-1 rounded-lg border p-3">
          <p className="font-medium">{row.title}</p>
          <p className="text-sm text-muted-foreground">{row.next}</p>
        </li>
      ))}
    </ul>
  );
}

/**
 * "/": back to the organization used last, else the first one — unless invitations are waiting,
 * which are shown first with Accept / Decline. With no organization: why, and how to get one.
 */
export function OrganizationsHome() {
  const organizations = useMyOrganizations();
  const invitations = useMyInvitations();
  const lastOrgSlug = usePreferences((state) => state.lastOrgSlug);
  const [creating, setCreating] = useState(false);

  if (organizations.isPending || invitations.isPending) {
    return (
      <div role="status" className="grid gap-3">
        <span className="sr-only">Loading your organizations…</span>
        <Skeleton className="h-8 w-48" />
      </div>
    );
  }

  if (organizations.isError) {
    return (
      <Alert variant="destructive">
        <CircleAlertIcon aria-hidden />
        <AlertTitle>Couldn't load your organizations</AlertTitle>
        <AlertDescription>
          <p>{getErrorMessage(organizations.error)}</p>
          <Button variant="outline" size="sm" onClick={() => void organizations.refetch()}>
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  }

  // A failed invitations read must not keep anyone from their organization.
  const waiting = invitations.data ?? [];
  const target =
    organizations.data.find((org) => org.slug === lastOrgSlug) ?? organizations.data[0];
  if (target && waiting.length === 0)
    return <Navigate to={paths.org.getHref(target.slug)} replace />;

  return (
    <div className="grid justify-items-start gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">
        {target ? "Your organizations" : "Welcome to Roster"}
      </h1>
      <PendingInvitations invitations={waiting} />
      {target ? (
        <nav aria-label="Your organizations" className="flex flex-wrap gap-2">
          {organizations.data.map((org) => (
            <Button key={org.id} asChild variant="outline">
              <Link to={paths.org.getHref(org.slug)}>Open {org.name}</Link>
            </Button>
          ))}
        </nav>
      ) : (
        <LostAccess />
      )}
      <Button onClick={() => setCreating(true)}>
        <PlusIcon aria-hidden />
        Create organization
      </Button>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}
