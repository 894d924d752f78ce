// HTTP plumbing for the auth stand-in: JSON bodies, Supabase Auth's error shape, rate limits.
import type { IncomingMessage, ServerResponse } from "node:http";

// supabase-js sends this API version; GoTrue answers it with `{ code, message }` errors and
// older clients with `{ code, error_code, msg }`.
const apiVersion = "2024-01-01";

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = "";
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 1_000_000)
      throw new AuthError(413, "request_too_large", "Request body too large");
  }
  if (raw.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    throw new AuthError(
      400,
      "bad_json",
      `Could not parse request body as JSON: ${(error as Error).message}`,
    );
  }
  // GoTrue decodes into a Go struct: `null` leaves every field unset, any other non-object fails.
  if (body === null) return {};
  if (typeof body !== "object" || Array.isArray(body))
    throw new AuthError(
      400,
      "bad_json",
      "Could not parse request body as JSON: the body must be a JSON object",
    );
  return body as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "x-supabase-api-version": apiVersion,
  });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

export function sendError(req: IncomingMessage, res: ServerResponse, error: AuthError): void {
  const modern = req.headers["x-supabase-api-version"] === apiVersion;
  sendJson(
    res,
    error.status,
    modern
      ? { code: error.code, message: error.message }
      : { code: error.status, error_code: error.code, msg: error.message },
  );
}

// Typed fields as GoTrue's JSON decoding reads them (internal/api/helpers.go
// retrieveRequestParams): a field of the wrong type fails the request with `bad_json`; `null`
// leaves it unset.
function field<T>(
  body: Record<string, unknown>,
  key: string,
  type: string,
  is: (value: unknown) => value is T,
): T | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!is(value))
    throw new AuthError(
      400,
      "bad_json",
      `Could not parse request body as JSON: ${key} must be ${type}`,
    );
  return value;
}

export const stringField = (body: Record<string, unknown>, key: string) =>
  field(body, key, "a string", (value): value is string => typeof value === "string");

export const booleanField = (body: Record<string, unknown>, key: string) =>
  field(body, key, "a boolean", (value): value is boolean => typeof value === "boolean");

export const objectField = (body: Record<string, unknown>, key: string) =>
  field(
    body,
    key,
    "an object",
    (value): value is Record<string, unknown> =>
      typeof value === "object" && value !== null && !Array.isArray(value),
  );

// A fixed-window counter per key: enough to stop brute force against a local stack.
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly refusal = () =>
      new AuthError(429, "over_request_rate_limit", "Request rate limit reached"),
  ) {}

  take(key: string): void {
    const now = Date.now();
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return;
    }
    entry.count += 1;
    if (entry.count > this.limit) throw this.refusal();
  }
}

// The caller's address for the limiters: the one the gateway sets from its socket (it replaces
// whatever the caller sent; supabase/local/gateway.ts setClientAddress), else this socket's.
// GoTrue keys its limits on GOTRUE_RATE_LIMIT_HEADER, "expected to be set by a trusted upstream
// proxy" (supabase/auth README), or on Sb-Forwarded-For when the project enables IP address
// forwarding (internal/api/middleware.go performRateLimiting), which Roster's config does not.
export function clientIp(req: IncomingMessage): string {
  const fromGateway = req.headers["cf-connecting-ip"];
  return (typeof fromGateway === "string" && fromGateway) || req.socket.remoteAddress || "unknown";
}
