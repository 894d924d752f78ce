import { Link, Navigate, useSearchParams } from "react-router";
import { AuthPage } from "@/components/auth-page";
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
    <AuthPage
      title="Create your account"
      description="You get your own organization to start with, unless someone has invited you."
    >
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
    </AuthPage>
  );
}
