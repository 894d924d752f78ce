import { CircleAlertIcon } from "lucide-react";
import { useState } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { Logo } from "@/components/logo";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { paths, safeRedirect } from "@/config/paths";
import { useSession } from "@/features/auth/api/get-session";
import { MagicLinkForm } from "@/features/auth/components/magic-link-form";
import { SignInForm } from "@/features/auth/components/sign-in-form";

// A magic link that failed (expired, already used) comes back with the reason in the fragment.
function readLinkError(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  return fragment.get("error") ? "This sign-in link has expired or was already used." : null;
}

export function SignInRoute() {
  const [searchParams] = useSearchParams();
  const session = useSession();
  const [mode, setMode] = useState<"password" | "link">("password");
  const [linkError] = useState(readLinkError);
  const redirect = searchParams.get("redirect");

  if (session.isPending) return null;
  // Already signed in, or just signed in: continue where the visitor was going.
  if (session.data) return <Navigate to={safeRedirect(redirect)} replace />;

  return (
    <main className="flex min-h-svh flex-col items-center justify-center gap-6 bg-muted/40 p-4 sm:p-6">
      <Logo className="text-lg" />
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle asChild>
            <h1 className="text-xl">Sign in</h1>
          </CardTitle>
          <CardDescription>
            {mode === "password"
              ? "Use the email and password for your Roster account."
              : "We'll email you a link that signs you in."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {linkError && (
            <Alert variant="destructive">
              <CircleAlertIcon aria-hidden />
              <AlertDescription>{linkError} Request a new one.</AlertDescription>
            </Alert>
          )}
          {mode === "password" ? (
            <SignInForm />
          ) : (
            <MagicLinkForm
              redirectTo={`${window.location.origin}${paths.signIn.getHref(safeRedirect(redirect))}`}
            />
          )}
          <Button
            variant="outline"
            className="w-full"
            onClick={() => setMode(mode === "password" ? "link" : "password")}
          >
            {mode === "password" ? "Email me a sign-in link instead" : "Use my password instead"}
          </Button>
          <p className="text-center text-sm text-muted-foreground">
            <Link
              to={paths.forgotPassword.getHref()}
              className="font-medium text-primary underline-offset-4 hover:underline"
            >
              Forgot your password?
            </Link>
          </p>
          <p className="text-center text-sm text-muted-foreground">
            New to Roster?{" "}
            <Link
              to={paths.signUp.getHref(redirect)}
              className="font-medium text-primary underline-offset-4 hover:underline"
            >
              Create an account
            </Link>
          </p>
        </CardContent>
      </Card>
    </main>
  );
}
