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
export const rateLimited = (message: string) => new HttpError(429, "rate_limited", message);

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
  if (code === "22023" || code === "P0001" || code === "22P02" || code === "23514") return 400;
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

// Runs a handler, answering every thrown error in the `{code, message, hint}` shape.
export function handle(
  handler: (request: Request, info: Deno.ServeHandlerInfo) => Promise<Response>,
): (request: Request, info: Deno.ServeHandlerInfo) => Promise<Response> {
  return async (request, info) => {
    try {
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

// The client's address: the first hop of x-forwarded-for, as Supabase's gateway forwards it.
export function clientAddress(request: Request, info?: Deno.ServeHandlerInfo): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  const real = request.headers.get("x-real-ip")?.trim();
  if (real) return real;
  const remote = info?.remoteAddr as Deno.NetAddr | undefined;
  return remote?.hostname ?? "unknown";
}

export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw invalidInput("The request body must be a JSON object.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidInput("The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

export function bearerToken(request: Request): string | undefined {
  return request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
}
