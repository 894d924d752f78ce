import { CircleAlertIcon } from "lucide-react";
import { DetailField as Field } from "@/components/detail-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
} from "@/components/ui/sheet";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorMessage } from "@/lib/errors";
import { formatDate, formatDateTime, formatTimeAgo } from "@/lib/format";
import { roleLabels } from "@/lib/roles";
import type { MemberRow } from "../api/get-members";
import { type MemberActivity, useMemberActivity } from "../api/get-member-activity";
import { usePeopleNames } from "../api/get-people-names";
import { MemberAvatar } from "./member-avatar";
import { StatusBadge } from "./status-badge";

type NameOf = (userId: string | null, fallback?: string) => string;

type MemberDetailSheetProps = {
  orgId: string;
  member: MemberRow | null;
  canReadAudit: boolean;
  onClose: () => void;
  onCloseAutoFocus: (event: Event) => void;
};

/** One person in full: role, status, history with the organization, and their recent events. */
export function MemberDetailSheet({
  orgId,
  member,
  canReadAudit,
  onClose,
  onCloseAutoFocus,
}: MemberDetailSheetProps) {
  return (
    <Sheet open={member !== null} onOpenChange={(open) => !open && onClose()}>
      <SheetContent onCloseAutoFocus={onCloseAutoFocus}>
        {member && <MemberDetails orgId={orgId} member={member} canReadAudit={canReadAudit} />}
      </SheetContent>
    </Sheet>
  );
}

function MemberDetails({
  orgId,
  member,
  canReadAudit,
}: Omit<MemberDetailSheetProps, "member" | "onClose" | "onCloseAutoFocus"> & {
  member: MemberRow;
}) {
  const activity = useMemberActivity(orgId, canReadAudit ? member.userId : null);
  // Who acted on this person, looked up by id: the row carries ids, not names.
  const names = usePeopleNames(orgId, [
    member.suspendedBy,
    member.removedBy,
    ...(activity.data ?? []).map((event) => event.actorId),
  ]);
  const nameOf: NameOf = (userId, fallback = "Someone") =>
    (userId && names.get(userId)) || fallback;

  return (
    <>
      <SheetHeader>
        <div className="flex items-center gap-3">
          <MemberAvatar name={member.name} className="size-10 text-sm" />
          <div className="grid min-w-0">
            <SheetTitle className="truncate">{member.name}</SheetTitle>
            <SheetDescription className="truncate">{member.email}</SheetDescription>
          </div>
        </div>
      </SheetHeader>
      <dl className="grid grid-cols-2 gap-4">
        <Field label="Role">
          <Badge variant="outline">{roleLabels[member.role]}</Badge>
        </Field>
        <Field label="Status">
          <StatusBadge status={member.status} />
        </Field>
        <Field label="Joined">{member.joinedAt ? formatDate(member.joinedAt) : "Not yet"}</Field>
        <Field label="Last active">
          {member.lastActiveAt ? formatTimeAgo(member.lastActiveAt) : "Never"}
        </Field>
        <Field label="Invited by">
          {member.invitedByName ?? "Nobody: joined without an invitation"}
        </Field>
      </dl>
      {member.status === "suspended" && member.suspendedAt && (
        <Alert>
          <AlertDescription>
            Suspended by {nameOf(member.suspendedBy)} on {formatDateTime(member.suspendedAt)}
            {member.suspendedReason ? `: “${member.suspendedReason}”` : "."}
          </AlertDescription>
        </Alert>
      )}
      {member.status === "removed" && member.removedAt && (
        <Alert>
          <AlertDescription>
            {member.userId !== null && member.removedBy === member.userId
              ? `Left on ${formatDateTime(member.removedAt)}.`
              : `Removed${member.removedBy ? ` by ${nameOf(member.removedBy)}` : ""} on ${formatDateTime(member.removedAt)}${
                  member.removedReason ? `: “${member.removedReason}”` : "."
                }`}
          </AlertDescription>
        </Alert>
      )}
      <section aria-labelledby="member-activity" className="grid gap-2">
        <h3 id="member-activity" className="text-sm font-semibold">
          Recent activity
        </h3>
        {member.userId === null ? (
          // The membership outlived the account; the audit log keeps the person's history.
          <p className="text-sm text-muted-foreground">
            This person's account was deleted. Their history stays in the audit log.
          </p>
        ) : canReadAudit ? (
          <ActivityList activity={activity} nameOf={nameOf} />
        ) : (
          <p className="text-sm text-muted-foreground">
            Your role can't read the audit log, where this person's history is kept.
          </p>
        )}
      </section>
    </>
  );
}

// Verbs for the events that happen to a person; anything else reads as its action key.
const activityLabels: Record<string, string> = {
  "invitation.accepted": "Joined",
  "member.role_changed": "Role changed",
  "member.suspended": "Suspended",
  "member.reactivated": "Reactivated",
  "member.removed": "Removed",
  "member.left": "Left the organization",
  "ownership.transfer_requested": "Asked to take over ownership",
  "ownership.transfer_accepted": "Became the owner",
  "ownership.transfer_declined": "Declined ownership",
  "ownership.transfer_cancelled": "Ownership transfer cancelled",
  "ownership.transfer_expired": "Ownership transfer expired",
  "support.access_restored": "Access restored by support",
};

function ActivityList({
  activity,
  nameOf,
}: {
  activity: ReturnType<typeof useMemberActivity>;
  nameOf: NameOf;
}) {
  if (activity.isPending) {
    return (
      <div role="status" className="grid gap-2">
        <span className="sr-only">Loading recent activity…</span>
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  }
  if (activity.isError) {
    return (
      <Alert variant="destructive">
        <CircleAlertIcon aria-hidden />
        <AlertDescription>{getErrorMessage(activity.error)}</AlertDescription>
      </Alert>
    );
  }
  if (activity.data.length === 0) {
    return <p className="text-sm text-muted-foreground">No events about this person yet.</p>;
  }
  // The system (expiry) acts without a person; support names its operator in actor_email.
  const by = (event: MemberActivity) =>
    nameOf(event.actorId, event.actorEmail ?? (event.actorId ? "Someone" : "Roster"));
  return (
    <ol aria-label="Recent activity" className="grid gap-2">
      {activity.data.map((event) => (
        <li key={event.id} className="grid gap-0.5 rounded-md border px-3 py-2 text-sm">
          <span className="font-medium">{activityLabels[event.action] ?? event.action}</span>
          <span className="text-muted-foreground">
            {formatDateTime(event.occurredAt)} · by {by(event)}
          </span>
          {event.reason && <span className="break-words">“{event.reason}”</span>}
        </li>
      ))}
    </ol>
  );
}
