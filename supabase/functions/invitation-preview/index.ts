// GET /functions/v1/invitation-preview?token=… (or POST { token }) — public, no sign-in.
// What the accept-invite page may show before sign-in, and nothing more:
//   { status: pending|expired|revoked|used|unknown, organization, inviter, role,
//     email (masked), expires_at }
// Malformed and unknown tokens get the same shape (every field null, status unknown), go
// through the same database lookup, and every answer is held to the same minimum time, so
// neither the body nor the timing tells a guessed token from a real one. Rate limited per
// client address (_shared/http.ts clientAddress) by the database, which counts every lookup
// whichever instance of the function makes it: `invitation_previews` in roster_private.limits (30 per
// minute) → 429 rate_limited.
import { preflight } from "../_shared/cors.ts";
import {
  fromDatabaseError,
  handle,
  HttpError,
  json,
  readJsonObject,
  storableText,
} from "../_shared/http.ts";
import { serviceClient } from "../_shared/supabase.ts";

const minimumMs = 150;

interface PreviewRow {
  status: string;
  org_name: string | null;
  inviter_name: string | null;
  role: string | null;
  email_masked: string | null;
  expires_at: string | null;
}

const statusFor: Record<string, string> = {
  pending: "pending",
  expired: "expired",
  revoked: "revoked",
  accepted: "used",
  declined: "declined",
};

Deno.serve(
  handle(async (request) => {
    const early = preflight(request);
    if (early) return early;
    const started = performance.now();
    let token: unknown = new URL(request.url).searchParams.get("token");
    if (request.method === "POST" && token === null) {
      token = await readJsonObject(request).then(
        (body) => body.token,
        (error: unknown) => {
          if (error instanceof HttpError && error.status === 413) throw error;
          return undefined;
        },
      );
    } else if (request.method !== "GET" && request.method !== "POST") {
      throw new HttpError(405, "invalid_input", "Use GET or POST.");
    }
    // Anything that is not a short string Postgres can hold is looked up as an empty token: same
    // path, same answer.
    const candidate =
      typeof token === "string" && token.length <= 200 && storableText(token) ? token : "";

    // The caller's address goes along, vouched for with the secret key: the RPC counts it.
    const { data, error } = await serviceClient(request).rpc("get_invitation_preview", {
      p_token: candidate,
    });
    if (error?.code === "PT429") throw fromDatabaseError(error);
    if (error)
      throw new HttpError(
        503,
        "internal_error",
        "The invitation could not be looked up. Try again.",
      );
    const row = (Array.isArray(data) ? data[0] : data) as PreviewRow | undefined;
    const status = (row && statusFor[row.status]) ?? "unknown";
    const known = status !== "unknown";
    const body = {
      status,
      organization: known ? row!.org_name : null,
      inviter: known ? row!.inviter_name : null,
      role: known ? row!.role : null,
      email: known ? row!.email_masked : null,
      expires_at: known ? row!.expires_at : null,
    };

    const wait = minimumMs - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return json(body, 200, { "cache-control": "no-store" });
  }),
);
