import { isOrgRole, roleLabels } from "@/lib/roles";
import type { AuditEvent } from "../api/get-audit-events";
import { appActionLabel } from "./actions";

/** Who someone is in the log: their name where the reader may see it, else the email snapshot. */
export type NameOf = (userId: string | null, email: string | null) => string;

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : {};
}

function role(value: unknown): string {
  return isOrgRole(value) ? roleLabels[value] : typeof value === "string" ? value : "?";
}

const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);

function fieldList(names: string[]): string {
  const words = names.map((name) => name.replaceAll("_", " "));
  if (words.length <= 1) return words[0] ?? "details";
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** The event's actor in words: a person, Roster itself, or a support operator. */
export function actorName(event: AuditEvent, nameOf: NameOf): string {
  if (event.actorKind === "system") return "Roster";
  if (event.actorKind === "support") return `Support (${event.actorEmail ?? "operator"})`;
  return event.actorName ?? nameOf(event.actorId, event.actorEmail);
}

export function targetName(event: AuditEvent, nameOf: NameOf): string | null {
  if (!event.targetUserId && !event.targetEmail) return null;
  return event.targetName ?? nameOf(event.targetUserId, event.targetEmail);
}

/** One sentence a person can read: "Daniel Cho changed Priya Raman’s role from Member to Admin". */
export function describeEvent(event: AuditEvent, nameOf: NameOf): string {
  const actor = actorName(event, nameOf);
  const target = targetName(event, nameOf) ?? "someone";
  const before = fields(event.before);
  const after = fields(event.after);

  switch (event.action) {
    case "org.created":
      return `${actor} created the organization`;
    case "org.updated":
      return `${actor} updated the organization's ${fieldList(Object.keys(after))}`;
    case "org.deleted":
      return `${actor} deleted the organization`;
    case "invitation.created":
      return `${actor} invited ${target} as ${role(after.role)}`;
    case "invitation.resent":
      return `${actor} resent the invitation to ${target}`;
    case "invitation.revoked":
      return `${actor} revoked the invitation to ${target}`;
    case "invitation.accepted":
      return `${actor} accepted the invitation and joined as ${role(after.role)}`;
    case "invitation.declined":
      return `${actor} declined the invitation`;
    case "invitation.expired":
      return `The invitation to ${target} expired`;
    case "member.role_changed":
      return `${actor} changed ${possessive(target)} role from ${role(before.role)} to ${role(after.role)}`;
    case "member.suspended":
      return `${actor} suspended ${target}`;
    case "member.reactivated":
      return `${actor} reactivated ${target}`;
    case "member.removed":
      return `${actor} removed ${target}`;
    case "member.left":
      return `${actor} left the organization`;
    case "ownership.transfer_requested":
      return `${actor} asked ${target} to take over ownership`;
    case "ownership.transfer_accepted":
      return `${actor} accepted ownership; the previous owner is now ${role(after.previous_owner_role)}`;
    case "ownership.transfer_declined":
      return `${actor} declined the ownership transfer`;
    case "ownership.transfer_cancelled":
      return event.actorKind === "system"
        ? `The ownership transfer to ${target} was cancelled automatically`
        : `${actor} cancelled the ownership transfer to ${target}`;
    case "ownership.transfer_expired":
      return `The ownership transfer to ${target} expired`;
    case "permissions.updated":
      return `${actor} changed the permissions of the ${role(after.role)} role`;
    case "support.access_restored": {
      const previous = typeof before.owner_name === "string" ? before.owner_name : null;
      return previous
        ? `${actor} made ${target} the owner; the previous owner, ${previous}, is now an Admin`
        : `${actor} made ${target} the owner`;
    }
    case "audit.exported": {
      const format = after.format === "jsonl" ? "JSON Lines" : "CSV";
      const count = typeof after.row_count === "number" ? ` (${after.row_count} events)` : "";
      return `${actor} exported the audit log as ${format}${count}`;
    }
    default:
      return `${actor}: ${appActionLabel(event.action)}`;
  }
}
