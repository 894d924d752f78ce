import { Navigate, useSearchParams } from "react-router";
import { Logo } from "@/components/logo";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeRedirect } from "@/config/paths";
import { useSession } from "@/features/auth/api/get-session";
import { SignInForm } from "@/features/auth/components/sign-in-form";

export function SignInRoute() {
  const [searchParams] = useSearchParams();
  const session = useSession();

  if (session.isPending) return null;
  // Already signed in, or just signed in: continue where the visitor was going.
  if (session.data) return <Navigate to={safeRedirect(searchParams.get("redirect"))} replace />;

  return (
    <main className="flex min-h-svh flex-col items-center justify-center gap-6 bg-muted/40 p-6">
      <Logo className="text-lg" />
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle asChild>
            <h1 className="text-xl">Sign in</h1>
          </CardTitle>
          <CardDescription>Use the email and password for your Roster account.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm />
        </CardContent>
      </Card>
    </main>
  );
}
