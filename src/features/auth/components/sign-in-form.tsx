import { type FormEvent, useId, useRef } from "react";
import { EmailField } from "@/components/email-field";
import { ErrorAlert } from "@/components/error-alert";
import { SubmitButton } from "@/components/submit-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useSignInWithPassword } from "../api/sign-in-with-password";

// Signing in only starts the session; the sign-in route moves on once it exists.
export function SignInForm({ defaultEmail }: { defaultEmail?: string } = {}) {
  const signIn = useSignInWithPassword();
  const id = useId();
  const passwordRef = useRef<HTMLInputElement>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate(
      { email: String(form.get("email")).trim(), password: String(form.get("password")) },
      // Ready for another try: the button was disabled, so focus would be lost otherwise.
      {
        onError: () => {
          passwordRef.current?.focus();
          passwordRef.current?.select();
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <ErrorAlert error={signIn.error} />
      <EmailField autoComplete="username" defaultValue={defaultEmail} autoFocus />
      <div className="grid gap-2">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          ref={passwordRef}
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <SubmitButton pending={signIn.isPending} className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
