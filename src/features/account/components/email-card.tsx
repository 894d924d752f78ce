import { LoaderCircleIcon, MailCheckIcon } from "lucide-react";
import { type FormEvent, useId } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ErrorAlert } from "@/components/error-alert";
import { useChangeEmail } from "../api/change-email";

export function EmailCard({ email, pendingEmail }: { email: string; pendingEmail?: string }) {
  const change = useChangeEmail();
  const id = useId();
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
          <div className="grid gap-2">
            <Label htmlFor={`${id}-email`}>New email address</Label>
            <Input id={`${id}-email`} name="email" type="email" autoComplete="email" required />
          </div>
          <Button type="submit" className="sm:justify-self-start" disabled={change.isPending}>
            {change.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
            Change email
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
