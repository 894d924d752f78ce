import { MailCheckIcon } from "lucide-react";
import { type FormEvent, useId } from "react";
import { EmailField } from "@/components/email-field";
import { ErrorAlert } from "@/components/error-alert";
import { NewPasswordField } from "@/components/new-password-field";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useSignUp } from "../api/sign-up";

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
      <ErrorAlert error={signUp.error} />
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
      <EmailField defaultValue={defaultEmail} />
      <NewPasswordField label="Password" />
      <SubmitButton pending={signUp.isPending} className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
