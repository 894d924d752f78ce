import { UserPlusIcon, UsersRoundIcon } from "lucide-react";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { LoadError } from "@/components/load-error";
import { DisabledWithReason } from "@/components/disabled-with-reason";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { getErrorMessage } from "@/lib/errors";
import { useSearchParamsState } from "@/lib/use-search-params-state";
import { useMemberCounts } from "../api/get-member-counts";
import { type MemberRow, useMembers } from "../api/get-members";
import { useResendInvitation } from "../api/resend-invitation";
import {
  defaultFilters,
  hasMemberFilters,
  listedCount,
  type MemberFilters,
  readMemberFilters,
  writeMemberFilters,
} from "../utils/member-filters";
import { type ActionSubject, type Actor, inviteAvailability } from "../utils/member-actions";
import { InvitationHistory } from "./invitation-history";
import { type InviteAgain, InviteDialog } from "./invite-dialog";
import { type MemberActionTarget, MemberActionDialog } from "./member-action-dialog";
import { MemberDetailSheet } from "./member-detail-sheet";
import { MembersTable } from "./members-table";
import type { RowActionHandler } from "./row-actions-menu";
import { MembersToolbar } from "./members-toolbar";
import { RevokeInvitationDialog } from "./revoke-invitation-dialog";

type MembersPageProps = {
  org: { id: string; name: string };
  actor: Actor;
};

const countFormat = new Intl.NumberFormat("en");

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
  const [params, setParams] = useSearchParamsState();
  const filters = useMemo(() => readMemberFilters(params), [params]);
  const setFilters = useCallback(
    (next: MemberFilters) => setParams((previous) => writeMemberFilters(previous, next)),
    [setParams],
  );
  const members = useMembers(org.id, filters);
  // The rows matching the search and role, per status; and everyone, for "of M".
  const counts = useMemberCounts(org.id, filters.search, filters.role);
  const everyone = useMemberCounts(org.id, "", "all");
  const [inviting, setInviting] = useState(false);
  const [inviteAgain, setInviteAgain] = useState<InviteAgain | null>(null);
  const [memberAction, setMemberAction] = useState<MemberActionTarget | null>(null);
  const [revoking, setRevoking] = useState<ActionSubject | null>(null);
  const [detail, setDetail] = useState<MemberRow | null>(null);
  const resend = useResendInvitation();
  const summaryId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // What opened the current dialog or drawer: focus goes back there when it closes.
  const openerRef = useRef<{ element: HTMLElement | null; key: string } | null>(null);

  const returnFocus = useCallback((event: Event) => {
    event.preventDefault();
    const opener = openerRef.current;
    openerRef.current = null;
    // A row that re-rendered has a new button; a row that left the list has none (the heading).
    const target = opener?.element?.isConnected
      ? opener.element
      : document.querySelector<HTMLElement>(`[data-row-actions="${opener?.key ?? ""}"]`);
    (target ?? headingRef.current)?.focus();
  }, []);

  const rows = useMemo(
    () => members.data?.pages.flatMap((page) => page.rows) ?? [],
    [members.data],
  );
  const listed = counts.data ? listedCount(counts.data, filters) : undefined;
  const total = everyone.data
    ? listedCount(everyone.data, { ...defaultFilters, showRemoved: filters.showRemoved })
    : undefined;

  const { hasNextPage, isFetching, isPlaceholderData, fetchNextPage } = members;
  // Asked by the table as the user nears the last loaded row. One page at a time, and never
  // from the previous filters' rows still on screen.
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetching && !isPlaceholderData) void fetchNextPage();
  }, [hasNextPage, isFetching, isPlaceholderData, fetchNextPage]);

  const resendInvitation = resend.mutate;
  const handleAction: RowActionHandler = useCallback(
    (action, row, opener) => {
      openerRef.current = { element: opener, key: row.key };
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
        case "invite-again":
          setInviteAgain({ email: row.email, role: row.role });
          setInviting(true);
          return;
        default:
          setMemberAction({ action, row });
      }
    },
    [org.id, resendInvitation],
  );
  const openDetail = useCallback((row: MemberRow, opener: HTMLElement) => {
    openerRef.current = { element: opener, key: row.key };
    setDetail(row);
  }, []);

  const invite = inviteAvailability(actor);

  return (
    <>
      <div className="grid gap-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="grid gap-1">
            <h1
              ref={headingRef}
              tabIndex={-1}
              className="text-2xl font-semibold tracking-tight outline-none"
            >
              Members
            </h1>
            <p className="text-sm text-muted-foreground">
              People in {org.name}, their roles, and pending invitations.
            </p>
          </div>
          <DisabledWithReason reason={invite.allowed ? null : invite.reason}>
            <Button
              onClick={() => {
                setInviteAgain(null);
                setInviting(true);
              }}
            >
              <UserPlusIcon aria-hidden />
              Invite people
            </Button>
          </DisabledWithReason>
        </div>

        <Tabs defaultValue="people">
          <TabsList className="w-auto justify-self-start">
            <TabsTrigger value="people" className="px-4">
              People
            </TabsTrigger>
            <TabsTrigger value="invitations" className="px-4">
              Invitations
            </TabsTrigger>
          </TabsList>
          <TabsContent value="people" className="grid gap-6">
            <MembersToolbar filters={filters} counts={counts.data} onChange={setFilters} />

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
              <LoadError
                title="Couldn't load the members"
                error={members.error}
                onRetry={() => void members.refetch()}
              />
            ) : (
              <div className="grid gap-2">
                <p id={summaryId} role="status" className="text-sm text-muted-foreground">
                  {listed === undefined || total === undefined
                    ? null
                    : listed === total
                      ? `${countFormat.format(total)} ${total === 1 ? "person" : "people"}`
                      : `Showing ${countFormat.format(listed)} of ${countFormat.format(total)}`}
                </p>
                {rows.length === 0 && !hasNextPage ? (
                  <div className="grid justify-items-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center">
                    <UsersRoundIcon aria-hidden className="size-8 text-muted-foreground" />
                    <p className="font-medium">{emptyMessage(filters)}</p>
                    {hasMemberFilters(filters) && (
                      <Button
                        variant="outline"
                        size="sm"
                        onClick={() => setFilters(defaultFilters)}
                      >
                        Clear search and filters
                      </Button>
                    )}
                  </div>
                ) : (
                  <MembersTable
                    rows={rows}
                    rowCount={listed ?? rows.length}
                    hasMore={hasNextPage}
                    onNearEnd={loadMore}
                    actor={actor}
                    busyId={resend.isPending ? resend.variables.invitationId : undefined}
                    onAction={handleAction}
                    onOpenDetail={openDetail}
                  />
                )}
              </div>
            )}
          </TabsContent>
          <TabsContent value="invitations">
            <InvitationHistory
              orgId={org.id}
              actor={actor}
              busyId={resend.isPending ? resend.variables.invitationId : undefined}
              onAction={handleAction}
            />
          </TabsContent>
        </Tabs>
      </div>

      <InviteDialog
        open={inviting}
        onOpenChange={setInviting}
        org={org}
        actorRole={actor.role}
        again={inviteAgain}
        // The Invite people button is Radix's own return target; a row's menu is ours.
        onCloseAutoFocus={inviteAgain ? returnFocus : undefined}
      />
      <MemberActionDialog
        target={memberAction}
        org={org}
        actorRole={actor.role}
        onClose={() => setMemberAction(null)}
        onCloseAutoFocus={returnFocus}
      />
      <RevokeInvitationDialog
        invitation={revoking}
        orgId={org.id}
        onClose={() => setRevoking(null)}
        onCloseAutoFocus={returnFocus}
      />
      <MemberDetailSheet
        orgId={org.id}
        member={detail}
        canReadAudit={actor.permissions.has("audit.read")}
        onClose={() => setDetail(null)}
        onCloseAutoFocus={returnFocus}
      />
    </>
  );
}
