import { assignableRoles, type OrgRole, roleRank } from "@/lib/roles";
import type { MemberRow } from "../api/get-members";

/** Who is looking at the page: what the SPA hides mirrors what the server refuses. */
export type Actor = {
  userId: string;
  role: OrgRole;
  permissions: ReadonlySet<string>;
};

export type MemberAction = "change-role" | "suspend" | "reactivate" | "remove";
export type InvitationAction = "resend" | "revoke" | "invite-again";
export type RowAction = MemberAction | InvitationAction;

/** What an action needs to know about its row: a person or an invitation. */
export type ActionSubject = Pick<MemberRow, "key" | "id" | "userId" | "name" | "email" | "role">;

export type Availability = { allowed: true } | { allowed: false; reason: string };

const allowed: Availability = { allowed: true };
const refuse = (reason: string): Availability => ({ allowed: false, reason });

const selfReasons: Record<MemberAction, string> = {
  "change-role": "You can't change your own role",
  suspend: "You can't suspend yourself",
  reactivate: "You can't reactivate yourself",
  remove: "You can't remove yourself",
};

const ownerReasons: Record<MemberAction, string> = {
  "change-role": "The owner's role changes only through an ownership transfer",
  suspend: "The owner can't be suspended",
  reactivate: "The owner can't be suspended",
  remove: "Transfer ownership before removing the owner",
};

/** The actions a row offers, by its status. A removed member can be invited again. */
export function rowActions(row: MemberRow): RowAction[] {
  switch (row.status) {
    case "active":
      return ["change-role", "suspend", "remove"];
    case "suspended":
      return ["change-role", "reactivate", "remove"];
    case "invited":
      return ["resend", "revoke"];
    case "removed":
      return ["invite-again"];
  }
}

function rankReason(role: OrgRole): string {
  return role === "admin"
    ? "Only the owner can manage admins"
    : "Only the owner can manage this role";
}

/** Whether `actor` may take `action` on `row`, and if not, the reason to show. */
export function actionAvailability(
  actor: Actor,
  row: ActionSubject,
  action: RowAction,
): Availability {
  if (action === "invite-again") return inviteAvailability(actor);
  if (action === "resend" || action === "revoke") {
    if (!actor.permissions.has("members.invite")) {
      return refuse("Your role can't manage invitations");
    }
    if (roleRank[row.role] >= roleRank[actor.role]) {
      return refuse(
        row.role === "admin"
          ? "Only the owner can manage admin invitations"
          : "Only the owner can manage this invitation",
      );
    }
    return allowed;
  }

  if (!actor.permissions.has("members.manage")) return refuse("Your role can't manage members");
  if (row.userId === actor.userId) return refuse(selfReasons[action]);
  if (row.role === "owner") return refuse(ownerReasons[action]);
  if (roleRank[row.role] >= roleRank[actor.role]) return refuse(rankReason(row.role));
  if (action === "change-role" && assignableRoles(actor.role).every((role) => role === row.role)) {
    return refuse("There is no other role you can give them");
  }
  return allowed;
}

/** Whether `actor` may invite people, and if not, why. */
export function inviteAvailability(actor: Actor): Availability {
  if (!actor.permissions.has("members.invite")) return refuse("Your role can't invite people");
  return assignableRoles(actor.role).length > 0
    ? allowed
    : refuse("There is no role you can invite people to");
}
