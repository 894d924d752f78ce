import { Link, Navigate, useSearchParams } from "react-router";
import { Logo } from "@/components/logo";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { paths, safeRedirect } from "@/config/paths";
import { useSession } from "@/features/auth/api/get-session";
import { SignUpForm } from "@/features/auth/components/sign-up-form";

export function SignUpRoute() {
  const [searchParams] = useSearchParams();
  const session = useSession();
  const redirect = searchParams.get("redirect");

  if (session.isPending) return null;
  if (session.data) return <Navigate to={safeRedirect(redirect)} replace />;

  return (
    <main className="flex min-h-svh flex-col items-center justify-center gap-6 bg-muted/40 p-4 sm:p-6">
      <Logo className="text-lg" />
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle asChild>
            <h1 className="text-xl">Create your account</h1>
          </CardTitle>
          <CardDescription>
            You get your own organization to start with, unless someone has invited you.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <SignUpForm
            redirectTo={`${window.location.origin}${paths.signIn.getHref(safeRedirect(redirect))}`}
          />
          <p className="text-center text-sm text-muted-foreground">
            Already have an account?{" "}
            <Link
              to={paths.signIn.getHref(redirect)}
              className="font-medium text-primary underline-offset-4 hover:underline"
            >
              Sign in
            </Link>
          </p>
        </CardContent>
      </Card>
    </main>
  );
}
