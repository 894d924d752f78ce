import { CircleAlertIcon, LoaderCircleIcon, MailCheckIcon } from "lucide-react";
import { type FormEvent, useId } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { getErrorMessage } from "@/lib/errors";
import { useSignUp } from "../api/sign-up";

const minPasswordLength = 8;

// With auto-confirmed sign-ups the session starts at once and the route moves on; otherwise
// the person is told to confirm their email first.
export function SignUpForm({
  redirectTo,
  defaultEmail,
}: {
  redirectTo: string;
  defaultEmail?: string;
}) {
  const signUp = useSignUp();
  const id = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signUp.mutate({
      fullName: String(form.get("fullName")).trim(),
      email: String(form.get("email")).trim(),
      password: String(form.get("password")),
      redirectTo,
    });
  }

  if (signUp.isSuccess && signUp.data === null) {
    return (
      <Alert>
        <MailCheckIcon aria-hidden />
        <AlertTitle>Confirm your email</AlertTitle>
        <AlertDescription>
          <p>
            We sent a confirmation link to <strong>{signUp.variables.email}</strong>. Open it to
            finish creating your account.
          </p>
        </AlertDescription>
      </Alert>
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      {signUp.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(signUp.error)}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-name`}>Full name</Label>
        <Input
          id={`${id}-name`}
          name="fullName"
          autoComplete="name"
          maxLength={200}
          required
          autoFocus
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={defaultEmail}
          required
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          required
          aria-describedby={`${id}-password-help`}
        />
        <p id={`${id}-password-help`} className="text-sm text-muted-foreground">
          At least {minPasswordLength} characters.
        </p>
      </div>
      <Button type="submit" className="w-full" disabled={signUp.isPending}>
        {signUp.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        Create account
      </Button>
    </form>
  );
}
