import { MailIcon, PlusIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import {
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
} from "@/components/ui/dropdown-menu";
import { OrgSwitcher } from "@/kit/org-switcher";
import { roleLabels } from "@/lib/roles";
import { useMyInvitations } from "../api/get-my-invitations";
import { useOrgFromUrl } from "../hooks/use-org-from-url";
import { CreateOrganizationDialog } from "./create-organization-dialog";
import { invitationSummary, useAnswerInvitation } from "./pending-invitations";

/**
 * The kit's organization picker plus what Roster adds: invitations waiting for the user (accept
 * or decline right here, counted on the button), and "Create organization".
 */
export function RosterOrgSwitcher() {
  const invitations = useMyInvitations();
  const { answer, busy } = useAnswerInvitation();
  const waiting = invitations.data ?? [];
  const current = useOrgFromUrl();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <OrgSwitcher
        currentSlug={current.status === "ready" ? current.org.slug : undefined}
        badge={
          waiting.length > 0 && (
            <Badge>
              {waiting.length}
              <span className="sr-only">
                {waiting.length === 1 ? " invitation" : " invitations"} waiting
              </span>
            </Badge>
          )
        }
      >
        {waiting.length > 0 && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
              Invitations for you
            </DropdownMenuLabel>
            {waiting.map((invitation) => (
              <DropdownMenuGroup key={invitation.id} aria-label={invitationSummary(invitation)}>
                <DropdownMenuItem
                  disabled={busy(invitation.id)}
                  onSelect={() => answer(invitation, true)}
                >
                  <MailIcon aria-hidden />
                  <span className="min-w-0 flex-1 truncate">
                    Join {invitation.orgName} as {roleLabels[invitation.role]}
                  </span>
                </DropdownMenuItem>
                <DropdownMenuItem
                  disabled={busy(invitation.id)}
                  onSelect={() => answer(invitation, false)}
                  className="pl-8 text-muted-foreground"
                >
                  <XIcon aria-hidden />
                  Decline {invitation.orgName}
                </DropdownMenuItem>
              </DropdownMenuGroup>
            ))}
          </>
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => setCreating(true)}>
          <PlusIcon aria-hidden />
          Create organization
        </DropdownMenuItem>
      </OrgSwitcher>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
