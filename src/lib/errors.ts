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
  account_owns_organizations:
    "You own an organization that other people belong to. Transfer ownership or delete it first.",
  account_confirmation_mismatch: "The confirmation doesn't match. Type your email address exactly.",
} as const satisfies Record<string, string>;

export type ErrorHint = keyof typeof hintMessages;

const sessionMessage = "Your session has expired. Sign in again.";

// Supabase Auth (GoTrue) error codes a user can run into. Codes not listed
// here fall back to the server's own message, which GoTrue writes for people.
const authMessages: Record<string, string> = {
  invalid_credentials: "Invalid login credentials. Check your email and password and try again.",
  email_not_confirmed: "Confirm your email address first: open the link we sent you.",
  user_banned: "This account has been blocked. Contact your administrator.",
  email_exists: "An account with this email already exists. Sign in instead.",
  user_already_exists: "An account with this email already exists. Sign in instead.",
  weak_password: "Choose a stronger password.",
  reauthentication_not_valid: "That code is wrong or has expired. Send a new code and try again.",
  email_address_invalid: "Enter a valid email address.",
  signup_disabled: "New sign-ups are turned off.",
  otp_expired: "This link has expired. Request a new one.",
  over_request_rate_limit: "Too many attempts. Wait a moment and try again.",
  over_email_send_rate_limit: "Too many emails sent. Wait a few minutes and try again.",
  session_expired: sessionMessage,
  session_not_found: sessionMessage,
  refresh_token_not_found: sessionMessage,
  refresh_token_already_used: sessionMessage,
};

const fallbackMessage = "Something went wrong. Please try again.";
const networkMessage = "Can't reach the server. Check your connection and try again.";
const outdatedMessage = "This page is out of date with the server. Reload it and try again.";
const busyMessage = "The server is busy. Wait a moment and try again.";

// Errors that PostgREST or Postgres raise before Roster's code runs carry no hint; their code
// says what happened (docs/database.md §2, "Errors raised before Roster's code runs").
const codeMessages: Record<string, string> = {
  PGRST100: hintMessages.invalid_input,
  PGRST102: hintMessages.invalid_input,
  PGRST103: hintMessages.invalid_input,
  PGRST107: hintMessages.invalid_input,
  PGRST108: hintMessages.invalid_input,
  PGRST118: hintMessages.invalid_input,
  PGRST120: hintMessages.invalid_input,
  PGRST122: hintMessages.invalid_input,
  PGRST124: hintMessages.invalid_input,
  PGRST204: hintMessages.invalid_input,
  PGRST116: hintMessages.not_found,
  PGRST101: outdatedMessage,
  PGRST105: outdatedMessage,
  PGRST106: outdatedMessage,
  PGRST117: outdatedMessage,
  PGRST200: outdatedMessage,
  PGRST201: outdatedMessage,
  PGRST202: outdatedMessage,
  PGRST203: outdatedMessage,
  PGRST205: outdatedMessage,
  "42883": outdatedMessage,
  "42P01": outdatedMessage,
  "42703": outdatedMessage,
  "42501": hintMessages.forbidden,
  "23502": hintMessages.invalid_input,
  "23514": hintMessages.invalid_input,
  "23503": "That refers to something that no longer exists. Reload and try again.",
  "23505": "That already exists.",
  "57014": "The server took too long to answer. Try again, or narrow what you asked for.",
  "25006": busyMessage,
};
const codeFamilyMessages: Array<[prefix: string, message: string]> = [
  ["PGRST0", busyMessage], // connection pool or schema cache not ready
  ["PGRST3", sessionMessage], // the JWT is missing, malformed or expired
  ["08", busyMessage], // no connection to the database
  ["53", busyMessage], // out of resources
  ["22", hintMessages.invalid_input], // a value Postgres cannot take: 22P02, 22P05, 22007, 22003 …
  ["40", "Someone else changed this at the same moment. Try again."], // serialization, deadlock
];

function codeMessage(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = error.code;
  if (typeof code !== "string") return undefined;
  if (Object.hasOwn(codeMessages, code)) return codeMessages[code];
  return codeFamilyMessages.find(([prefix]) => code.startsWith(prefix))?.[1];
}

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
  return codeMessage(error) ?? fallbackMessage;
}
