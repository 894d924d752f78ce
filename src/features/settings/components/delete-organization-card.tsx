import { CircleAlertIcon, LoaderCircleIcon, Trash2Icon } from "lucide-react";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { ConfirmNameField, confirmationMatches } from "@/components/confirm-name-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
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
import { getErrorMessage } from "@/lib/errors";
import { useDeleteOrganization } from "../api/delete-organization";

type DeleteOrganizationCardProps = {
  org: { id: string; name: string };
  /** Called once the organization is gone. */
  onDeleted: () => void;
};

function DeleteOrganizationForm({
  org,
  onCancel,
  onDeleted,
}: DeleteOrganizationCardProps & { onCancel: () => void }) {
  const remove = useDeleteOrganization();
  const [confirmName, setConfirmName] = useState("");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    remove.mutate(
      { orgId: org.id, confirmName },
      {
        onSuccess: () => {
          toast.success(`${org.name} was deleted`);
          onDeleted();
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      {remove.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(remove.error)}</AlertDescription>
        </Alert>
      )}
      <ConfirmNameField expected={org.name} value={confirmName} onChange={setConfirmName} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="destructive"
          disabled={remove.isPending || !confirmationMatches(org.name, confirmName)}
        >
          {remove.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Delete organization
        </Button>
      </DialogFooter>
    </form>
  );
}

/** Settings → Delete, for the owner, behind typing the organization's name. */
export function DeleteOrganizationCard({ org, onDeleted }: DeleteOrganizationCardProps) {
  const [open, setOpen] = useState(false);
  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle asChild>
          <h2>Delete organization</h2>
        </CardTitle>
        <CardDescription>
          Deleting {org.name} ends everyone's access at once: members, invitations, data and the
          audit log all become unreachable. This can't be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="destructive" onClick={() => setOpen(true)}>
          <Trash2Icon aria-hidden />
          Delete organization
        </Button>
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogContent>
            <DialogHeader>
              <DialogTitle>Delete {org.name}?</DialogTitle>
              <DialogDescription>
                Every member loses access immediately, pending invitations and any ownership
                transfer are cancelled, and the data can no longer be reached.
              </DialogDescription>
            </DialogHeader>
            {open && (
              <DeleteOrganizationForm
                org={org}
                onCancel={() => setOpen(false)}
                onDeleted={onDeleted}
              />
            )}
          </DialogContent>
        </Dialog>
      </CardContent>
    </Card>
  );
}
