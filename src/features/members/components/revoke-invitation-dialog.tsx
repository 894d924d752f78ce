import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { getErrorMessage } from "@/lib/errors";
import { useRevokeInvitation } from "../api/revoke-invitation";
import type { ActionSubject } from "../utils/member-actions";

type RevokeInvitationDialogProps = {
  invitation: ActionSubject | null;
  orgId: string;
  onClose: () => void;
};

export function RevokeInvitationDialog({
  invitation,
  orgId,
  onClose,
  onCloseAutoFocus,
}: RevokeInvitationDialogProps & { onCloseAutoFocus: (event: Event) => void }) {
  return (
    <Dialog open={invitation !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {invitation && (
          <RevokeInvitationForm
            key={invitation.key}
            invitation={invitation}
            orgId={orgId}
            onClose={onClose}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function RevokeInvitationForm({
  invitation,
  orgId,
  onClose,
}: RevokeInvitationDialogProps & { invitation: ActionSubject }) {
  const revoke = useRevokeInvitation();

  function handleRevoke() {
    revoke.mutate(
      { orgId, invitationId: invitation.id },
      {
        onSuccess: () => {
          toast.success(`Invitation to ${invitation.email} revoked`);
          onClose();
        },
      },
    );
  }

  return (
    <>
      <DialogHeader>
        <DialogTitle>Revoke the invitation to {invitation.email}?</DialogTitle>
        <DialogDescription>
          The link in their email stops working. You can invite them again later.
        </DialogDescription>
      </DialogHeader>
      {revoke.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(revoke.error)}</AlertDescription>
        </Alert>
      )}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="destructive" disabled={revoke.isPending} onClick={handleRevoke}>
          {revoke.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Revoke invitation
        </Button>
      </DialogFooter>
    </>
  );
}
