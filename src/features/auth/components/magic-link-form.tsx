import { isAuthError } from "@supabase/auth-js";
import { MailCheckIcon } from "lucide-react";
import type { FormEvent } from "react";
import { EmailCodeField, typedCode } from "@/components/email-code-field";
import { EmailField } from "@/components/email-field";
import { ErrorAlert } from "@/components/error-alert";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useSendMagicLink } from "../api/send-magic-link";
import { useVerifyEmailCode } from "../api/verify-email-code";

/** Emails a one-click sign-in link that returns to `redirectTo`, with a code to type instead. */
export function MagicLinkForm({ redirectTo }: { redirectTo: string }) {
  const send = useSendMagicLink();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    send.mutate({ email: String(form.get("email")).trim(), redirectTo });
  }

  if (send.isSuccess) {
    return (
      <div className="grid gap-4">
        <Alert>
          <MailCheckIcon aria-hidden />
          <AlertTitle>Check your email</AlertTitle>
          <AlertDescription>
            <p>
              We sent a sign-in link to <strong>{send.variables.email}</strong>. Open it on this
              device, or type the 6-digit code from the same email below.
            </p>
            <Button variant="link" className="h-auto p-0" onClick={() => send.reset()}>
              Use a different email
            </Button>
          </AlertDescription>
        </Alert>
        <EmailCodeForm email={send.variables.email} />
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <ErrorAlert error={send.error} />
      <EmailField autoComplete="username" autoFocus />
      <SubmitButton pending={send.isPending} className="w-full">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}

/** The code typed from the email: for a link opened on another device, or not at all. */
function EmailCodeForm({ email }: { email: string }) {
  const verify = useVerifyEmailCode();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    verify.mutate({ email, code: typedCode(form, "code") });
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <ErrorAlert
        error={verify.error}
        // Auth answers a wrong code as an expired one; the shared message speaks of links.
        message={
          isAuthError(verify.error) && verify.error.code === "otp_expired"
            ? "That code is wrong or has expired. Check the latest email, or request a new one."
            : undefined
        }
      />
      <EmailCodeField name="code" />
      <SubmitButton pending={verify.isPending} className="w-full">
        Sign in with the code
      </SubmitButton>
    </form>
  );
}
