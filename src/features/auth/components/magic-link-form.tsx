import { isAuthError } from "@supabase/auth-js";
import { CircleAlertIcon, LoaderCircleIcon, MailCheckIcon } from "lucide-react";
import { type FormEvent, useId } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { getErrorMessage } from "@/lib/errors";
import { useSendMagicLink } from "../api/send-magic-link";
import { useVerifyEmailCode } from "../api/verify-email-code";

/** Emails a one-click sign-in link that returns to `redirectTo`, with a code to type instead. */
export function MagicLinkForm({ redirectTo }: { redirectTo: string }) {
  const send = useSendMagicLink();
  const id = useId();

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
      {send.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(send.error)}</AlertDescription>
        </Alert>
      )}
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
      <Button type="submit" className="w-full" disabled={send.isPending}>
        {send.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        Email me a sign-in link
      </Button>
    </form>
  );
}

/** The code typed from the email: for a link opened on another device, or not at all. */
function EmailCodeForm({ email }: { email: string }) {
  const verify = useVerifyEmailCode();
  const id = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    verify.mutate({ email, code: String(form.get("code")).replace(/\s/g, "") });
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      {verify.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>
            {/* Auth answers a wrong code as an expired one; the shared message speaks of links. */}
            {isAuthError(verify.error) && verify.error.code === "otp_expired"
              ? "That code is wrong or has expired. Check the latest email, or request a new one."
              : getErrorMessage(verify.error)}
          </AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-code`}>Code from the email</Label>
        <Input
          id={`${id}-code`}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\s*(\d\s*){6}"
          maxLength={11}
          required
          autoFocus
          aria-describedby={`${id}-code-help`}
        />
        <p id={`${id}-code-help`} className="text-sm text-muted-foreground">
          6 digits
        </p>
      </div>
      <Button type="submit" className="w-full" disabled={verify.isPending}>
        {verify.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        Sign in with the code
      </Button>
    </form>
  );
}
