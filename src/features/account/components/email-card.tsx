import { MailCheckIcon } from "lucide-react";
import type { FormEvent } from "react";
import { EmailField } from "@/components/email-field";
import { ErrorAlert } from "@/components/error-alert";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useChangeEmail } from "../api/change-email";

export function EmailCard({ email, pendingEmail }: { email: string; pendingEmail?: string }) {
  const change = useChangeEmail();
  const waitingFor = change.data?.new_email ?? pendingEmail;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.mutate(String(new FormData(event.currentTarget).get("email")).trim());
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Email</h2>
        </CardTitle>
        <CardDescription>
          You sign in with <strong>{email}</strong>. A new address takes effect once you open the
          link we send to it.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {waitingFor && (
          <Alert>
            <MailCheckIcon aria-hidden />
            <AlertTitle>Confirm your new address</AlertTitle>
            <AlertDescription>
              <p>
                We sent a link to <strong>{waitingFor}</strong>. Until you open it, you keep signing
                in with {email}.
              </p>
            </AlertDescription>
          </Alert>
        )}
        <ErrorAlert error={change.error} />
        <form onSubmit={handleSubmit} className="grid gap-4">
          <EmailField label="New email address" />
          <SubmitButton pending={change.isPending} className="sm:justify-self-start">
            Change email
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}
