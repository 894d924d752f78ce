import { CircleAlertIcon, UserPlusIcon, UsersRoundIcon } from "lucide-react";
import { useCallback, useDeferredValue, useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tooltip, TooltipContent, TooltipProvider, TooltipTrigger } from "@/components/ui/tooltip";
import { getErrorMessage } from "@/lib/errors";
import { type MemberRow, useMembers } from "../api/get-members";
import { useResendInvitation } from "../api/resend-invitation";
import { defaultFilters, filterMembers, type MemberFilters } from "../utils/filter-members";
import { type Actor, inviteAvailability, type RowAction } from "../utils/member-actions";
import { InviteDialog } from "./invite-dialog";
import { type MemberActionTarget, MemberActionDialog } from "./member-action-dialog";
import { MembersTable } from "./members-table";
import { MembersToolbar } from "./members-toolbar";
import { RevokeInvitationDialog } from "./revoke-invitation-dialog";

type MembersPageProps = {
  org: { id: string; name: string };
  actor: Actor;
};

const emptyStatusMessages = {
  active: "No active members",
  invited: "No pending invitations",
  suspended: "No suspended members",
  removed: "No removed members",
} as const;

function emptyMessage(filters: MemberFilters): string {
  if (filters.search.trim()) return `No one matches “${filters.search.trim()}”`;
  if (filters.status !== "all") return emptyStatusMessages[filters.status];
  return filters.role === "all" ? "No members yet" : "No one has this role";
}

/** /o/:slug/members — everyone in the organization, invitations included, and what to do with them. */
export function MembersPage({ org, actor }: MembersPageProps) {
  const members = useMembers(org.id);
  const [filters, setFilters] = useState(defaultFilters);
  const deferredFilters = useDeferredValue(filters);
  const [inviting, setInviting] = useState(false);
  const [memberAction, setMemberAction] = useState<MemberActionTarget | null>(null);
  const [revoking, setRevoking] = useState<MemberRow | null>(null);
  const resend = useResendInvitation();
  const summaryId = useId();

  const rows = useMemo(
    () => (members.data ? filterMembers(members.data, deferredFilters) : []),
    [members.data, deferredFilters],
  );
  const total = useMemo(
    () => members.data?.filter((row) => row.status !== "removed").length ?? 0,
    [members.data],
  );

  const resendInvitation = resend.mutate;
  const handleAction = useCallback(
    (action: RowAction, row: MemberRow) => {
      switch (action) {
        case "resend":
          resendInvitation(
            { orgId: org.id, invitationId: row.id },
            {
              onSuccess: (result) => {
                if (result.status === "sent")
                  toast.success(`Invitation sent again to ${row.email}`);
                else
                  toast.error(
                    `The invitation to ${row.email} was renewed, but the email could not be sent.`,
                  );
              },
              onError: (error) => toast.error(getErrorMessage(error)),
            },
          );
          return;
        case "revoke":
          setRevoking(row);
          return;
        default:
          setMemberAction({ action, row });
      }
    },
    [org.id, resendInvitation],
  );

  const invite = inviteAvailability(actor);

  return (
    <TooltipProvider>
      <div className="grid gap-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="grid gap-1">
            <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
            <p className="text-sm text-muted-foreground">
              People in {org.name}, their roles, and pending invitations.
            </p>
          </div>
          <Tooltip>
            <TooltipTrigger asChild>
              <Button
                aria-disabled={invite.allowed ? undefined : true}
                className="aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
                onClick={invite.allowed ? () => setInviting(true) : undefined}
              >
                <UserPlusIcon aria-hidden />
                Invite people
              </Button>
            </TooltipTrigger>
            {!invite.allowed && <TooltipContent>{invite.reason}</TooltipContent>}
          </Tooltip>
        </div>

        <MembersToolbar filters={filters} onChange={setFilters} />

        {members.isPending ? (
          <div role="status" className="grid gap-2 rounded-lg border p-3">
            <span className="sr-only">Loading members…</span>
            {Array.from({ length: 6 }, (_, index) => (
              <div key={index} className="flex items-center gap-3">
                <Skeleton className="size-9 rounded-full" />
                <div className="grid flex-1 gap-1.5">
                  <Skeleton className="h-4 w-40 max-w-full" />
                  <Skeleton className="h-3 w-56 max-w-full" />
                </div>
              </div>
            ))}
          </div>
        ) : members.isError ? (
          <Alert variant="destructive">
            <CircleAlertIcon aria-hidden />
            <AlertTitle>Couldn't load the members</AlertTitle>
            <AlertDescription>
              <p>{getErrorMessage(members.error)}</p>
              <Button variant="outline" size="sm" onClick={() => void members.refetch()}>
                Try again
              </Button>
            </AlertDescription>
          </Alert>
        ) : (
          <div className="grid gap-2">
            <p id={summaryId} role="status" className="text-sm text-muted-foreground">
              {rows.length === total && !deferredFilters.showRemoved
                ? `${total} ${total === 1 ? "person" : "people"}`
                : `Showing ${rows.length} of ${members.data.length}`}
            </p>
            {rows.length === 0 ? (
              <div className="grid justify-items-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center">
                <UsersRoundIcon aria-hidden className="size-8 text-muted-foreground" />
                <p className="font-medium">{emptyMessage(deferredFilters)}</p>
                {filters !== defaultFilters && (
                  <Button variant="outline" size="sm" onClick={() => setFilters(defaultFilters)}>
                    Clear search and filters
                  </Button>
                )}
              </div>
            ) : (
              <MembersTable
                rows={rows}
                actor={actor}
                busyId={resend.isPending ? resend.variables.invitationId : undefined}
                onAction={handleAction}
              />
            )}
          </div>
        )}
      </div>

      <InviteDialog open={inviting} onOpenChange={setInviting} org={org} actorRole={actor.role} />
      <MemberActionDialog
        target={memberAction}
        org={org}
        actorRole={actor.role}
        onClose={() => setMemberAction(null)}
      />
      <RevokeInvitationDialog
        invitation={revoking}
        orgId={org.id}
        onClose={() => setRevoking(null)}
      />
    </TooltipProvider>
  );
}
