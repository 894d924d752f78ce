import { CheckIcon, ChevronsUpDownIcon, MailIcon, PlusIcon, XIcon } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { paths } from "@/config/paths";
import { roleLabels } from "@/lib/roles";
import { useMyInvitations } from "../api/get-my-invitations";
import { useMyOrganizations } from "../api/get-my-organizations";
import { useOrgFromUrl } from "../hooks/use-current-org";
import { CreateOrganizationDialog } from "./create-organization-dialog";
import { invitationSummary, useAnswerInvitation } from "./pending-invitations";

/**
 * The top bar's organization picker: the user's organizations with their role, invitations
 * waiting for them (accept or decline right here), and "Create".
 */
export function OrgSwitcher() {
  const organizations = useMyOrganizations();
  const invitations = useMyInvitations();
  const { answer, busy } = useAnswerInvitation();
  const waiting = invitations.data ?? [];
  const current = useOrgFromUrl();
  const [creating, setCreating] = useState(false);
  const currentSlug = current.status === "ready" ? current.org.slug : undefined;
  const currentName = current.status === "ready" ? current.org.name : "Organizations";

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" className="h-9 max-w-44 min-w-0 gap-2 px-3 sm:max-w-64">
            <span className="truncate">{currentName}</span>
            <span className="sr-only">, switch organization</span>
            {waiting.length > 0 && (
              <Badge>
                {waiting.length}
                <span className="sr-only">
                  {waiting.length === 1 ? " invitation" : " invitations"} waiting
                </span>
              </Badge>
            )}
            <ChevronsUpDownIcon aria-hidden className="text-muted-foreground" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-72">
          <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">
            Your organizations
          </DropdownMenuLabel>
          {organizations.data?.map((org) => (
            <DropdownMenuItem key={org.id} asChild>
              <Link
                to={paths.org.getHref(org.slug)}
                aria-current={org.slug === currentSlug ? "page" : undefined}
              >
                <span className="min-w-0 flex-1 truncate">{org.name}</span>
                <Badge variant="secondary">{roleLabels[org.role]}</Badge>
                <CheckIcon
                  aria-hidden
                  className={org.slug === currentSlug ? "opacity-100" : "opacity-0"}
                />
              </Link>
            </DropdownMenuItem>
          ))}
          {organizations.isPending && (
            <DropdownMenuItem disabled>Loading organizations…</DropdownMenuItem>
          )}
          {organizations.data?.length === 0 && (
            <DropdownMenuItem disabled>No organizations yet</DropdownMenuItem>
          )}
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
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
