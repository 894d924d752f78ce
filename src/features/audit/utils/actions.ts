/** Every action the log records (DESIGN.md §3), grouped for the filter. */
export const actionGroups = [
  {
    label: "Members",
    actions: [
      ["member.role_changed", "Role changed"],
      ["member.suspended", "Suspended"],
      ["member.reactivated", "Reactivated"],
      ["member.removed", "Removed"],
      ["member.left", "Left"],
    ],
  },
  {
    label: "Invitations",
    actions: [
      ["invitation.created", "Invited"],
      ["invitation.resent", "Invitation resent"],
      ["invitation.revoked", "Invitation revoked"],
      ["invitation.accepted", "Invitation accepted"],
      ["invitation.declined", "Invitation declined"],
      ["invitation.expired", "Invitation expired"],
    ],
  },
  {
    label: "Ownership",
    actions: [
      ["ownership.transfer_requested", "Transfer requested"],
      ["ownership.transfer_accepted", "Transfer accepted"],
      ["ownership.transfer_declined", "Transfer declined"],
      ["ownership.transfer_cancelled", "Transfer cancelled"],
      ["ownership.transfer_expired", "Transfer expired"],
    ],
  },
  {
    label: "Organization",
    actions: [
      ["org.created", "Organization created"],
      ["org.updated", "Organization updated"],
      ["org.deleted", "Organization deleted"],
      ["permissions.updated", "Permissions changed"],
      ["support.access_restored", "Access restored by support"],
      ["audit.exported", "Audit log exported"],
    ],
  },
] as const;

/** The comma-separated list that selects a whole group ("all member changes"). */
export const groupValue = (group: (typeof actionGroups)[number]) =>
  group.actions.map(([action]) => action).join(",");

const rosterActions: ReadonlySet<string> = new Set(
  actionGroups.flatMap((group) => group.actions.map(([action]) => action)),
);

/** The actions an app wrote through `roster.audit` (docs/adopting.md), in the order given. */
export const appActions = (actions: readonly string[]) =>
  actions.filter((action) => !rosterActions.has(action));

/** An app's own action, `<area>.<verb>`, in words: "Projects · archived". */
export function appActionLabel(action: string): string {
  const [area = "", verb] = action.replaceAll("_", " ").split(".");
  if (!verb) return action;
  return `${area.charAt(0).toUpperCase()}${area.slice(1)} · ${verb}`;
}
