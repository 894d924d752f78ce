import { isAuthError, isAuthRetryableFetchError } from "@supabase/auth-js";
import { FunctionsFetchError } from "@supabase/functions-js";

// Messages for the stable `hint` keys that the database and edge functions
// raise (DESIGN.md §5). This is the one place server errors become words.
const hintMessages = {
  forbidden: "You don't have permission to do that.",
  not_found: "We couldn't find that. It may have been removed.",
  last_owner: "An organization must always have an owner. Transfer ownership first.",
  cannot_act_on_self: "You can't do that to your own membership.",
  role_too_high: "You can only manage members, and assign roles, ranked below your own.",
  owner_via_transfer_only: "The owner role can only be handed over through an ownership transfer.",
  already_member: "This person is already a member of the organization.",
  invitation_pending: "This email already has a pending invitation. Resend it instead.",
  invitation_expired: "This invitation has expired. Ask an admin to send a new one.",
  invitation_revoked: "This invitation was revoked. Ask an admin to send a new one.",
  invitation_used: "This invitation has already been used.",
  invitation_declined: "This invitation was declined. Ask an admin to send a new one.",
  invitation_email_mismatch:
    "This invitation was sent to a different email address. Sign in with the invited address.",
  invalid_token: "This link is not valid. Check that you opened the whole link from the email.",
  reason_required: "Please give a reason for this change.",
  confirmation_mismatch: "The confirmation doesn't match. Type the organization name exactly.",
  transfer_pending: "An ownership transfer is already pending for this organization.",
  rate_limited: "Too many attempts. Wait a moment and try again.",
  email_port_blocked:
    "Invitation emails can't be sent: the server's email settings use a port Supabase blocks. Nothing was sent or saved; ask whoever runs Roster to change them.",
  invalid_input: "Some of the details aren't valid. Check them and try again.",
  slug_taken: "Another organization already uses this URL. Choose a different one.",
  transfer_expired: "This ownership transfer has expired. The owner can request a new one.",
  transfer_closed: "This ownership transfer is no longer open.",
} as const satisfies Record<string, string>;

export type ErrorHint = keyof typeof hintMessages;

// Supabase Auth (GoTrue) error codes a user can run into. Codes not listed
// here fall back to the server's own message, which GoTrue writes for people.
const authMessages: Record<string, string> = {
  invalid_credentials: "Invalid login credentials. Check your email and password and try again.",
  email_not_confirmed: "Confirm your email address first: open the link we sent you.",
  user_banned: "This account has been blocked. Contact your administrator.",
  email_exists: "An account with this email already exists. Sign in instead.",
  user_already_exists: "An account with this email already exists. Sign in instead.",
  weak_password: "Choose a stronger password.",
  email_address_invalid: "Enter a valid email address.",
  signup_disabled: "New sign-ups are turned off.",
  otp_expired: "This link has expired. Request a new one.",
  over_request_rate_limit: "Too many attempts. Wait a moment and try again.",
  over_email_send_rate_limit: "Too many emails sent. Wait a few minutes and try again.",
  session_expired: "Your session has expired. Sign in again.",
  session_not_found: "Your session has expired. Sign in again.",
  refresh_token_not_found: "Your session has expired. Sign in again.",
  refresh_token_already_used: "Your session has expired. Sign in again.",
};

const fallbackMessage = "Something went wrong. Please try again.";
const networkMessage = "Can't reach the server. Check your connection and try again.";

function isErrorHint(value: unknown): value is ErrorHint {
  return typeof value === "string" && Object.hasOwn(hintMessages, value);
}

/** The stable key of a PostgREST or edge-function error, if the server sent one. */
export function getErrorHint(error: unknown): ErrorHint | undefined {
  if (typeof error !== "object" || error === null || !("hint" in error)) return undefined;
  return isErrorHint(error.hint) ? error.hint : undefined;
}

/**
 * The server refused because of who the caller is (42501) or could not find the org's data for
 * them (PT404): their membership, role or the matrix may have changed since the page loaded.
 */
export function isAccessRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  return error.code === "42501" || error.code === "PT404";
}

/** A message fit to show a person for any error thrown by a Supabase call. */
export function getErrorMessage(error: unknown): string {
  const hint = getErrorHint(error);
  if (hint) return hintMessages[hint];
  if (isAuthRetryableFetchError(error) || error instanceof FunctionsFetchError) {
    return networkMessage;
  }
  if (isAuthError(error)) {
    return (error.code && authMessages[error.code]) || error.message || fallbackMessage;
  }
  return fallbackMessage;
}
