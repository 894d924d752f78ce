import { Link } from "react-router";
import { AuthPage } from "@/components/auth-page";
import { paths } from "@/config/paths";
import { ForgotPasswordForm } from "@/features/account/components/forgot-password-form";

export function ForgotPasswordRoute() {
  return (
    <AuthPage title="Reset your password" description="We'll email you a link to set a new one.">
      <ForgotPasswordForm />
      <p className="text-center text-sm text-muted-foreground">
        <Link
          to={paths.signIn.getHref()}
          className="font-medium text-primary underline-offset-4 hover:underline"
        >
          Back to sign in
        </Link>
      </p>
    </AuthPage>
  );
}
