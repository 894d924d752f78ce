import { CircleAlertIcon } from "lucide-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { AuthPage } from "@/components/auth-page";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { paths } from "@/config/paths";
import { PasswordForm } from "@/features/account/components/password-form";
import { useSession } from "@/features/auth/api/get-session";

// Where the recovery link lands: Supabase Auth has signed the person in from the link (the
// session arrives in the URL fragment), and they choose a new password. A used or expired link
// comes back with an error in the fragment and no session.
export function ResetPasswordRoute() {
  const session = useSession();
  const navigate = useNavigate();
  const [linkFailed] = useState(() =>
    new URLSearchParams(window.location.hash.slice(1)).has("error"),
  );

  if (session.isPending) return null;
  const email = session.data?.user.email;
  return (
    <AuthPage title="Set a new password" description={email && `For ${email}.`}>
      {session.data && !linkFailed ? (
        <PasswordForm
          submitLabel="Set password and continue"
          onDone={() => {
            toast.success("Your password was changed");
            navigate(paths.home.getHref(), { replace: true });
          }}
        />
      ) : (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>
            <p>
              This reset link has expired or was already used.{" "}
              <Link to={paths.forgotPassword.getHref()} className="underline underline-offset-4">
                Request a new one
              </Link>
              .
            </p>
          </AlertDescription>
        </Alert>
      )}
    </AuthPage>
  );
}
