import { CircleAlertIcon } from "lucide-react";
import { type ReactNode, useEffect } from "react";
import { Link } from "react-router";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { getErrorMessage } from "@/lib/errors";
import { usePreferences } from "@/stores/preferences";
import { useMembershipHeartbeat } from "../api/touch-membership";
import { type CurrentOrg, CurrentOrgContext, useOrgFromUrl } from "../hooks/use-current-org";

function ReadyOrg({ org, children }: { org: CurrentOrg; children: ReactNode }) {
  const setLastOrgSlug = usePreferences((state) => state.setLastOrgSlug);
  useEffect(() => setLastOrgSlug(org.slug), [org.slug, setLastOrgSlug]);
  useMembershipHeartbeat(org.id);
  return <CurrentOrgContext value={org}>{children}</CurrentOrgContext>;
}

/** Renders `children` for the organization in the URL once it is known to be the user's. */
export function OrgGate({ children }: { children: ReactNode }) {
  const state = useOrgFromUrl();

  switch (state.status) {
    case "none":
    case "loading":
      return (
        <div role="status" className="grid gap-3">
          <span className="sr-only">Loading organization…</span>
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-4 w-72 max-w-full" />
        </div>
      );
    case "error":
      return (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertTitle>Couldn't load this organization</AlertTitle>
          <AlertDescription>
            <p>{getErrorMessage(state.error)}</p>
            <Button variant="outline" size="sm" onClick={state.retry}>
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      );
    case "missing":
      return (
        <div className="grid justify-items-start gap-4">
          <div className="grid gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">Organization not found</h1>
            <p className="text-muted-foreground">
              There is no organization at “{state.slug}” that you are an active member of.
            </p>
          </div>
          <Button asChild variant="outline">
            <Link to={paths.home.getHref()}>Go to your organizations</Link>
          </Button>
        </div>
      );
    case "ready":
      return <ReadyOrg org={state.org}>{children}</ReadyOrg>;
  }
}
