import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { PageLoader } from "@/components/page-loader";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { getErrorMessage } from "@/lib/errors";
import { useSession } from "../api/get-session";
import { UserContext } from "../hooks/use-user";

/** Renders `children` only for a signed-in user; sends everyone else to sign in and back. */
export function ProtectedRoute({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoader />;

  if (session.isError) {
    return (
      <main className="flex min-h-svh items-center justify-center p-6">
        <Alert variant="destructive" className="max-w-md">
          <AlertTitle>Couldn't check your session</AlertTitle>
          <AlertDescription>
            <p>{getErrorMessage(session.error)}</p>
            <Button variant="outline" size="sm" onClick={() => void session.refetch()}>
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      </main>
    );
  }

  if (!session.data) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={paths.signIn.getHref(from)} replace />;
  }

  return <UserContext value={session.data.user}>{children}</UserContext>;
}
