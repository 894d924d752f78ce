import { MailCheckIcon } from "lucide-react";
import type { FormEvent } from "react";
import { EmailField } from "@/components/email-field";
import { ErrorAlert } from "@/components/error-alert";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { useRequestPasswordReset } from "../api/request-password-reset";

export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(String(new FormData(event.currentTarget).get("email")).trim());
  }

  // The same words whether or not the address has an account: the page must not tell.
  if (request.isSuccess)
    return (
      <Alert>
        <MailCheckIcon aria-hidden />
        <AlertTitle>Check your email</AlertTitle>
        <AlertDescription>
          <p>
            If <strong>{request.variables}</strong> has a Roster account, we sent it a link to set a
            new password. The link works once, for an hour.
          </p>
        </AlertDescription>
      </Alert>
    );

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <ErrorAlert error={request.error} />
      <EmailField autoComplete="username" autoFocus />
      <SubmitButton pending={request.isPending} className="w-full">
        Email me a reset link
      </SubmitButton>
    </form>
  );
}
