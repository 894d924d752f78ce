// Responses and errors shared by every function. Errors use the database's contract
// (DESIGN.md §5): `{ code, message, hint }` where `hint` is a stable snake_case key.
import { corsHeaders } from "./cors.ts";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly hint: string,
    message: string,
    readonly code: string = hint,
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorResponse(error: HttpError): Response {
  const headers: Record<string, string> = error.status === 429 ? { "retry-after": "60" } : {};
  return json(
    { code: error.code, message: error.message, hint: error.hint },
    error.status,
    headers,
  );
}

export const invalidInput = (message: string) =>
  new HttpError(400, "invalid_input", message, "22023");
export const forbidden = (message = "You are not allowed to do this.") =>
  new HttpError(403, "forbidden", message, "42501");

interface DatabaseError {
  code?: string;
  message?: string;
  hint?: string | null;
}

// HTTP status for a database error, as PostgREST maps SQLSTATEs.
export function statusForSqlState(code: string | undefined): number {
  if (!code) return 500;
  if (code === "42501") return 403;
  if (code === "PT404" || code === "P0002") return 404;
  if (code === "23505" || code === "23503") return 409;
  // Class 22 is bad data (an unreadable date, a NUL byte, …): the caller's input, never a fault.
  if (code.startsWith("22") || code === "P0001" || code === "23514") return 400;
  if (code.startsWith("PGRST1")) return 400; // a request PostgREST could not read (PGRST102 …)
  if (code.startsWith("PGRST3")) return 401; // JWT problems
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  return 500;
}

// Turns an error from supabase-js (PostgREST) into the function's error, keeping the hint.
export function fromDatabaseError(error: DatabaseError): HttpError {
  const status = statusForSqlState(error.code);
  const fallback: Record<number, string> = {
    401: "forbidden",
    403: "forbidden",
    404: "not_found",
    500: "internal_error",
  };
  const hint =
    error.hint && /^[a-z_]+$/.test(error.hint) ? error.hint : (fallback[status] ?? "invalid_input");
  return new HttpError(status, hint, error.message ?? "Database error", error.code ?? hint);
}

// Request size limit of every function (docs/database.md, "Request size limits"): bodies over
// 1 MiB are refused with 413 before they are buffered. A declared Content-Length is checked by
// handle() before the function runs; a streamed (chunked) body is counted as it is read and
// dropped once it passes the limit. The local gateway enforces the same limit in front of the
// functions (supabase/local/gateway.ts bodyLimits).
export const maxBodyBytes = 1024 * 1024;

export const payloadTooLarge = () =>
  new HttpError(
    413,
    "payload_too_large",
    `The request body is larger than ${maxBodyBytes} bytes.`,
    "413",
  );

function assertDeclaredSizeAllowed(request: Request): void {
  if (Number(request.headers.get("content-length") ?? 0) > maxBodyBytes) throw payloadTooLarge();
}

// The body as text, read at most up to the limit.
export async function readBodyText(request: Request): Promise<string> {
  assertDeclaredSizeAllowed(request);
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > maxBodyBytes) throw payloadTooLarge();
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

// Runs a handler, answering every thrown error in the `{code, message, hint}` shape.
export function handle(
  handler: (request: Request, info: Deno.ServeHandlerInfo) => Promise<Response>,
): (request: Request, info: Deno.ServeHandlerInfo) => Promise<Response> {
  return async (request, info) => {
    try {
      assertDeclaredSizeAllowed(request);
      return await handler(request, info);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      console.error(error);
      return errorResponse(new HttpError(500, "internal_error", "Something went wrong."));
    }
  };
}

export function requireEnv(name: string): string {
  const value = Deno.env.get(name);
  if (!value) throw new HttpError(500, "internal_error", `The function is missing ${name}.`);
  return value;
}

// The client's address, one rule for every function (docs/database.md, "Client address"): the
// CF-Connecting-IP that the edge sets from the connecting socket, replacing whatever the caller
// sent (Cloudflare in front of hosted Supabase; supabase/local/gateway.ts here). Never the first
// hop of X-Forwarded-For, which the caller writes. Without it (no edge in front), every caller
// shares the one bucket "unknown": stricter, never spoofable.
export function clientAddress(request: Request): string {
  return request.headers.get("cf-connecting-ip")?.trim() || "unknown";
}

export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidInput("The request body must be a JSON object.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidInput("The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

// Whether Postgres can hold this text: it has no NUL character, and UTF-8 no lone surrogate.
export function storableText(text: string): boolean {
  return !text.includes("\0") && text.isWellFormed();
}

export function bearerToken(request: Request): string | undefined {
  return request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
}
