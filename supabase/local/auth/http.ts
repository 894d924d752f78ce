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
  try {
    const body: unknown = JSON.parse(raw);
    if (body && typeof body === "object" && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // fall through to the validation error below
  }
  throw new AuthError(400, "bad_json", "Could not parse request body as JSON");
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

export function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === "string" ? value : undefined;
}

// A fixed-window counter per key: enough to stop brute force against a local stack.
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(key: string): void {
    const now = Date.now();
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return;
    }
    entry.count += 1;
    if (entry.count > this.limit) {
      throw new AuthError(429, "over_request_rate_limit", "Request rate limit reached");
    }
  }
}

export function clientIp(req: IncomingMessage): string {
  const forwarded = req.headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || req.socket.remoteAddress || "unknown";
}
