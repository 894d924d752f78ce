import { CircleAlertIcon } from "lucide-react";
import { type ReactNode, useEffect, useRef } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { type CurrentOrg, CurrentOrgProvider } from "@/kit/current-org";
import { getErrorMessage } from "@/lib/errors";
import { type OrgRole, roleLabels } from "@/lib/roles";
import { usePreferences } from "@/stores/preferences";
import { useMembershipHeartbeat } from "../api/touch-membership";
import { useOrgFromUrl } from "../hooks/use-org-from-url";
import { OrgUnavailable } from "./access-lost";

// Someone else changed the user's role while the page was open (the membership refreshes on
// focus, on an interval and after any refusal): say so, since what they may do just changed.
// Kept by the gate, which stays mounted while the new role's permissions load.
function useRoleChangeNotice(org: { id: string; name: string; role: OrgRole } | undefined) {
  const seen = useRef(org && { id: org.id, role: org.role });
  useEffect(() => {
    if (!org) return;
    if (seen.current?.id === org.id && seen.current.role !== org.role) {
      toast.info(`Your role in ${org.name} is now ${roleLabels[org.role]}.`, {
        description: "What you can see and do here has changed.",
      });
    }
    seen.current = { id: org.id, role: org.role };
  }, [org]);
}

function ReadyOrg({ org, children }: { org: CurrentOrg; children: ReactNode }) {
  const setLastOrgSlug = usePreferences((state) => state.setLastOrgSlug);
  useEffect(() => setLastOrgSlug(org.slug), [org.slug, setLastOrgSlug]);
  useMembershipHeartbeat(org.id);
  return <CurrentOrgProvider org={org}>{children}</CurrentOrgProvider>;
}

/** Renders `children` for the organization in the URL once it is known to be the user's. */
export function OrgGate({ children }: { children: ReactNode }) {
  const state = useOrgFromUrl();
  useRoleChangeNotice(state.status === "ready" ? state.org : undefined);

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
      return <OrgUnavailable slug={state.slug} />;
    case "ready":
      return <ReadyOrg org={state.org}>{children}</ReadyOrg>;
  }
}
