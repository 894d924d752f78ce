import { LoaderCircleIcon } from "lucide-react";
import { type FormEvent, useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ErrorAlert } from "@/components/error-alert";
import { useSetPassword } from "../api/set-password";

const minPasswordLength = 8;

type PasswordFormProps = {
  /** Ask for the password in use now (the profile page); not after a recovery link. */
  askCurrent: boolean;
  submitLabel: string;
  onDone: () => void;
};

export function PasswordForm({ askCurrent, submitLabel, onDone }: PasswordFormProps) {
  const setPassword = useSetPassword();
  const id = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPassword.mutate(
      {
        password: String(form.get("password")),
        currentPassword: askCurrent ? String(form.get("currentPassword")) : undefined,
      },
      {
        onSuccess: () => {
          formElement.reset();
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <ErrorAlert error={setPassword.error} />
      {askCurrent && (
        <div className="grid gap-2">
          <Label htmlFor={`${id}-current`}>Current password</Label>
          <Input
            id={`${id}-current`}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-new`}>New password</Label>
        <Input
          id={`${id}-new`}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          required
          aria-describedby={`${id}-help`}
        />
        <p id={`${id}-help`} className="text-sm text-muted-foreground">
          At least {minPasswordLength} characters.
        </p>
      </div>
      <Button
        type="submit"
        className="w-full sm:w-auto sm:justify-self-start"
        disabled={setPassword.isPending}
      >
        {setPassword.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        {submitLabel}
      </Button>
    </form>
  );
}
