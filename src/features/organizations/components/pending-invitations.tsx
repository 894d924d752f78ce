import { MailIcon } from "lucide-react";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { getErrorMessage } from "@/lib/errors";
import { formatTimeLeft } from "@/lib/format";
import { roleLabels } from "@/lib/roles";
import type { MyInvitation } from "../api/get-my-invitations";
import { type InvitationAnswer, useRespondToInvitation } from "../api/respond-to-invitation";

/** Answers an invitation from inside the app, telling the user how it went. */
export function useAnswerInvitation() {
  const respond = useRespondToInvitation();
  const navigate = useNavigate();
  // Told through the promise, not mutate()'s callbacks: accepting refetches the user's orgs,
  // which may unmount this list before those callbacks would run (they then never do).
  const answer = (invitation: MyInvitation, accept: boolean) =>
    respond.mutateAsync({ invitationId: invitation.id, accept }).then(
      () => {
        if (accept) {
          toast.success(`You joined ${invitation.orgName} as ${roleLabels[invitation.role]}.`);
          void navigate(paths.org.getHref(invitation.orgSlug));
        } else {
          toast.success(`You declined the invitation to ${invitation.orgName}.`);
        }
      },
      (error: unknown) => toast.error(getErrorMessage(error)),
    );
  const busy = (id: string) =>
    respond.isPending && (respond.variables as InvitationAnswer).invitationId === id;
  return { answer, busy };
}

export function invitationSummary(invitation: MyInvitation): string {
  const who = invitation.inviterName ?? "An admin";
  return `${who} invited you to join ${invitation.orgName} as ${roleLabels[invitation.role]}`;
}

/** Invitations waiting for the user, each with Accept and Decline (home page). */
export function PendingInvitations({ invitations }: { invitations: MyInvitation[] }) {
  const { answer, busy } = useAnswerInvitation();
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="pending-invitations" className="grid w-full max-w-2xl gap-3">
      <h2 id="pending-invitations" className="text-lg font-semibold">
        Invitations for you
      </h2>
      <ul className="grid gap-2">
        {invitations.map((invitation) => {
          const left = formatTimeLeft(invitation.expiresAt);
          return (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center gap-3 rounded-lg border p-3"
            >
              <MailIcon aria-hidden className="size-5 text-muted-foreground" />
              <div className="grid min-w-0 flex-1 gap-0.5">
                <p className="font-medium break-words">{invitationSummary(invitation)}</p>
                {left && <p className="text-sm text-muted-foreground">Expires {left}</p>}
              </div>
              <div className="flex gap-2">
                <Button
                  size="sm"
                  disabled={busy(invitation.id)}
                  onClick={() => answer(invitation, true)}
                  aria-label={`Accept the invitation to ${invitation.orgName}`}
                >
                  Accept
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  disabled={busy(invitation.id)}
                  onClick={() => answer(invitation, false)}
                  aria-label={`Decline the invitation to ${invitation.orgName}`}
                >
                  Decline
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
