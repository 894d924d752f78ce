import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { type FormEvent, useId, useRef } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { getErrorMessage } from "@/lib/errors";
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
      {signIn.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(signIn.error)}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={defaultEmail}
          required
          autoFocus
        />
      </div>
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
      <Button type="submit" className="w-full" disabled={signIn.isPending}>
        {signIn.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        Sign in
      </Button>
    </form>
  );
}
