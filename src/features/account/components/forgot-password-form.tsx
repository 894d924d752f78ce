import { LoaderCircleIcon, MailCheckIcon } from "lucide-react";
import { type FormEvent, useId } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ErrorAlert } from "@/components/error-alert";
import { useRequestPasswordReset } from "../api/request-password-reset";

export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const id = useId();

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
      <div className="grid gap-2">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
        />
      </div>
      <Button type="submit" className="w-full" disabled={request.isPending}>
        {request.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        Email me a reset link
      </Button>
    </form>
  );
}
