import { CircleAlertIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { Navigate } from "react-router";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { getErrorMessage } from "@/lib/errors";
import { usePreferences } from "@/stores/preferences";
import { useMyOrganizations } from "../api/get-my-organizations";
import { CreateOrganizationDialog } from "./create-organization-dialog";

/** "/": back to the organization used last, else the first one, else a way to create one. */
export function OrganizationsHome() {
  const organizations = useMyOrganizations();
  const lastOrgSlug = usePreferences((state) => state.lastOrgSlug);
  const [creating, setCreating] = useState(false);

  if (organizations.isPending) {
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

  const target =
    organizations.data.find((org) => org.slug === lastOrgSlug) ?? organizations.data[0];
  if (target) return <Navigate to={paths.org.getHref(target.slug)} replace />;

  return (
    <div className="grid justify-items-start gap-4">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Welcome to Roster</h1>
        <p className="text-muted-foreground">
          You are not an active member of any organization. Create one, or open the invitation link
          someone sent you.
        </p>
      </div>
      <Button onClick={() => setCreating(true)}>
        <PlusIcon aria-hidden />
        Create organization
      </Button>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}
