import { CheckIcon, CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
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
import { paths } from "@/config/paths";
import { getErrorHint } from "@/lib/errors";
import { roleWithArticle } from "@/lib/roles";
import { useAcceptInvitation } from "../api/accept-invitation";
import { useDeclineInvitation } from "../api/decline-invitation";
import type { InvitationPreview } from "../api/get-invitation-preview";
import { respondErrorMessage } from "../utils/accept-error-message";

type InvitationResponseProps = {
  token: string;
  preview: Exclude<InvitationPreview, { status: "unknown" }>;
  signedInEmail: string;
  onSwitchAccount: () => void;
  switchingAccount: boolean;
};

/** Accept or decline, for a signed-in visitor whose address matches the invitation. */
export function InvitationResponse({
  token,
  preview,
  signedInEmail,
  onSwitchAccount,
  switchingAccount,
}: InvitationResponseProps) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const [confirmingDecline, setConfirmingDecline] = useState(false);

  function handleAccept() {
    accept.mutate(token, {
      onSuccess: ({ slug }) => {
        toast.success(
          `Welcome to ${preview.organization}. You joined as ${roleWithArticle(preview.role)}.`,
        );
        void navigate(paths.org.getHref(slug), { replace: true });
      },
    });
  }

  function handleDecline() {
    decline.mutate(token, { onSuccess: () => setConfirmingDecline(false) });
  }

  if (decline.isSuccess) {
    return (
      <Alert role="status">
        <CheckIcon aria-hidden />
        <AlertDescription>
          <p>
            You declined the invitation to join {preview.organization}. If you change your mind, ask
            an admin there to invite you again.
          </p>
          <Button asChild variant="outline" size="sm">
            <Link to={paths.home.getHref()}>Go to Roster</Link>
          </Button>
        </AlertDescription>
      </Alert>
    );
  }

  const error = accept.error;
  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        Signed in as <strong className="break-words text-foreground">{signedInEmail}</strong>.
      </p>
      {error && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>
            <p>{respondErrorMessage(error, preview.organization)}</p>
            {getErrorHint(error) === "invitation_email_mismatch" && (
              <Button
                variant="outline"
                size="sm"
                disabled={switchingAccount}
                onClick={onSwitchAccount}
              >
                Switch account
              </Button>
            )}
            {getErrorHint(error) === "already_member" && (
              <Button asChild variant="outline" size="sm">
                <Link to={paths.home.getHref()}>Go to your organizations</Link>
              </Button>
            )}
          </AlertDescription>
        </Alert>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button
          variant="outline"
          disabled={accept.isPending}
          onClick={() => {
            decline.reset();
            setConfirmingDecline(true);
          }}
        >
          Decline
        </Button>
        <Button disabled={accept.isPending} onClick={handleAccept}>
          {accept.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Accept invitation
        </Button>
      </div>

      <Dialog open={confirmingDecline} onOpenChange={setConfirmingDecline}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Decline the invitation to {preview.organization}?</DialogTitle>
            <DialogDescription>
              The link stops working. To join later you would need a new invitation.
            </DialogDescription>
          </DialogHeader>
          {decline.isError && (
            <Alert variant="destructive">
              <CircleAlertIcon aria-hidden />
              <AlertDescription>
                {respondErrorMessage(decline.error, preview.organization)}
              </AlertDescription>
            </Alert>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirmingDecline(false)}>
              Keep invitation
            </Button>
            <Button variant="destructive" disabled={decline.isPending} onClick={handleDecline}>
              {decline.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
              Decline invitation
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
