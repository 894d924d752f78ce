import { CircleAlertIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { getErrorMessage } from "@/lib/errors";

type ErrorAlertProps = {
  error: unknown;
  /** Words for this form that say more than the shared ones for the same error. */
  message?: string;
};

/** A failed request, in words a person can act on; nothing while there is no error. */
export function ErrorAlert({ error, message }: ErrorAlertProps) {
  if (!error) return null;
  return (
    <Alert variant="destructive">
      <CircleAlertIcon aria-hidden />
      <AlertDescription>{message ?? getErrorMessage(error)}</AlertDescription>
    </Alert>
  );
}
