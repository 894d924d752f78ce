import { type FormEvent, useState } from "react";
import { EmailCodeField, typedCode } from "@/components/email-code-field";
import { ErrorAlert } from "@/components/error-alert";
import { NewPasswordField } from "@/components/new-password-field";
import { SubmitButton } from "@/components/submit-button";
import { Button } from "@/components/ui/button";
import { useRequestReauthentication } from "../api/request-reauthentication";
import { needsReauthentication, useSetPassword } from "../api/set-password";

type PasswordFormProps = {
  submitLabel: string;
  onDone: () => void;
};

/**
 * A new password. When the sign-in is over a day old the server asks for proof first: the form
 * has a code emailed and asks for it, then sends the password again with the code.
 */
export function PasswordForm({ submitLabel, onDone }: PasswordFormProps) {
  const setPassword = useSetPassword();
  const reauthenticate = useRequestReauthentication();
  const [codeSent, setCodeSent] = useState(false);

  const sendCode = () => reauthenticate.mutate(undefined, { onSuccess: () => setCodeSent(true) });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPassword.mutate(
      {
        password: String(form.get("password")),
        nonce: codeSent ? typedCode(form, "nonce") : undefined,
      },
      {
        onSuccess: () => {
          formElement.reset();
          setCodeSent(false);
          onDone();
        },
        onError: (error) => {
          if (needsReauthentication(error)) sendCode();
        },
      },
    );
  }

  // Being asked for the code is a step of the form, not a failure.
  const error = needsReauthentication(setPassword.error)
    ? reauthenticate.error
    : (setPassword.error ?? reauthenticate.error);

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <ErrorAlert error={error} />
      <NewPasswordField label="New password" />
      {codeSent && (
        <EmailCodeField
          name="nonce"
          help={
            <>
              You signed in a while ago, so we emailed you a 6-digit code to confirm it's you.{" "}
              <Button
                type="button"
                variant="link"
                className="h-auto p-0"
                disabled={reauthenticate.isPending}
                onClick={sendCode}
              >
                Send a new code
              </Button>
            </>
          }
        />
      )}
      <SubmitButton
        pending={setPassword.isPending || reauthenticate.isPending}
        className="w-full sm:w-auto sm:justify-self-start"
      >
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
