import { CircleAlertIcon, LoaderCircleIcon, MailCheckIcon } from "lucide-react";
import { type FormEvent, useId } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { getErrorMessage } from "@/lib/errors";
import { useSendMagicLink } from "../api/send-magic-link";

/** Emails a one-click sign-in link that returns to `redirectTo`. */
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
      <Alert>
        <MailCheckIcon aria-hidden />
        <AlertTitle>Check your email</AlertTitle>
        <AlertDescription>
          <p>
            We sent a sign-in link to <strong>{send.variables.email}</strong>. Open it on this
            device to continue.
          </p>
          <Button variant="link" className="h-auto p-0" onClick={() => send.reset()}>
            Use a different email
          </Button>
        </AlertDescription>
      </Alert>
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
