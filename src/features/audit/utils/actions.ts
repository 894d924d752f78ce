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
