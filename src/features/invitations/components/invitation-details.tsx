import { formatDate, formatTimeLeft } from "@/lib/format";
import { roleDescriptions, roleLabels } from "@/lib/roles";
import type { InvitationPreview } from "../api/get-invitation-preview";

type Known = Exclude<InvitationPreview, { status: "unknown" }>;

const exactTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** Organization, inviter, role, address and deadline of an invitation, as a description list. */
export function InvitationDetails({ preview }: { preview: Known }) {
  const timeLeft = formatTimeLeft(preview.expiresAt);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border bg-muted/40 p-4 text-sm">
      <dt className="text-muted-foreground">Organization</dt>
      <dd className="min-w-0 font-medium break-words">{preview.organization}</dd>
      <dt className="text-muted-foreground">Invited by</dt>
      <dd className="min-w-0 break-words">{preview.inviter ?? "An admin"}</dd>
      <dt className="text-muted-foreground">Role</dt>
      <dd className="min-w-0">
        <span className="font-medium">{roleLabels[preview.role]}</span>
        <span className="block text-muted-foreground">{roleDescriptions[preview.role]}</span>
      </dd>
      <dt className="text-muted-foreground">Sent to</dt>
      <dd className="min-w-0 break-words">{preview.email}</dd>
      <dt className="text-muted-foreground">{timeLeft ? "Expires" : "Expired"}</dt>
      <dd className="min-w-0">
        <time dateTime={preview.expiresAt} title={exactTime.format(new Date(preview.expiresAt))}>
          {timeLeft ?? formatDate(preview.expiresAt)}
        </time>
      </dd>
    </dl>
  );
}
