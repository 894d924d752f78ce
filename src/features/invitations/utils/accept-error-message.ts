import { getErrorHint, getErrorMessage } from "@/lib/errors";

/**
 * Why accepting or declining failed, told to the invitee about this organization. Hints that
 * need no context fall back to the app-wide messages.
 */
export function respondErrorMessage(error: unknown, organization: string): string {
  switch (getErrorHint(error)) {
    case "invitation_email_mismatch":
      return "This invitation was sent to a different email address than the one you're signed in with. Switch to the invited account to respond.";
    case "invitation_expired":
      return `This invitation expired before you responded. Ask an admin of ${organization} to resend it.`;
    case "invitation_revoked":
      return `An admin of ${organization} withdrew this invitation. Ask them to invite you again if you still need access.`;
    case "invitation_declined":
      return `You declined this invitation. If that was a mistake, ask an admin of ${organization} to invite you again.`;
    case "invitation_used":
      return "This invitation has already been used. Each invitation works only once.";
    case "invalid_token":
      return `This link no longer works, usually because the invitation was sent again with a new link. Open the newest invitation email from ${organization}.`;
    case "already_member":
      return `You're already a member of ${organization}.`;
    default:
      return getErrorMessage(error);
  }
}
