import { CircleAlertIcon, Trash2Icon } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { toast } from "sonner";
import { ConfirmNameField, confirmationMatches } from "@/components/confirm-name-field";
import { ErrorAlert } from "@/components/error-alert";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { useDeleteAccount } from "../api/delete-account";
import { useDeletionBlockers } from "../api/get-deletion-blockers";

function DeleteAccountForm({ email, onCancel }: { email: string; onCancel: () => void }) {
  const remove = useDeleteAccount();
  const [typed, setTyped] = useState("");

  // On success the session ends and the protected shell sends the visitor to sign in.
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    remove.mutate(typed, { onSuccess: () => toast.success("Your account was deleted") });
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <ErrorAlert error={remove.error} />
      <ConfirmNameField expected={email} value={typed} onChange={setTyped} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <SubmitButton
          variant="destructive"
          pending={remove.isPending}
          disabled={!confirmationMatches(email, typed)}
        >
          Delete my account
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}

/** Refused, with the way out, while the person owns an organization others belong to. */
export function DeleteAccountCard({ email }: { email: string }) {
  const blockers = useDeletionBlockers();
  const [open, setOpen] = useState(false);

  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle asChild>
          <h2>Delete my account</h2>
        </CardTitle>
        <CardDescription>
          Your account and your personal workspace are deleted, and you leave every organization you
          belong to. Organizations keep their audit log, with your name in it. Invitations you sent
          stay valid. This can't be undone.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {blockers.isPending ? (
          <Skeleton className="h-9 w-40" />
        ) : blockers.isError ? (
          <ErrorAlert error={blockers.error} />
        ) : blockers.data.length > 0 ? (
          <Alert>
            <CircleAlertIcon aria-hidden />
            <AlertTitle>Hand over your organizations first</AlertTitle>
            <AlertDescription>
              <p>
                You own organizations that other people belong to. Transfer ownership to one of
                them, or delete the organization, before deleting your account:
              </p>
              <ul className="list-disc pl-5">
                {blockers.data.map((org) => (
                  <li key={org.org_id}>
                    <Link
                      to={paths.settings.getHref(org.slug)}
                      className="font-medium underline underline-offset-4"
                    >
                      Transfer ownership of {org.name}
                    </Link>{" "}
                    ({org.other_members} other {org.other_members === 1 ? "member" : "members"})
                  </li>
                ))}
              </ul>
            </AlertDescription>
          </Alert>
        ) : (
          <Button
            variant="destructive"
            className="justify-self-start"
            onClick={() => setOpen(true)}
          >
            <Trash2Icon aria-hidden />
            Delete my account
          </Button>
        )}
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Delete your account?</DialogTitle>
              <DialogDescription>
                You are signed out everywhere and can't sign in again with {email}.
              </DialogDescription>
            </DialogHeader>
            {open && <DeleteAccountForm email={email} onCancel={() => setOpen(false)} />}
          </DialogContent>
        </Dialog>
      </CardContent>
    </Card>
  );
}
