// The attacker's only way in: HTTP through the gateway, like any client on the internet. Every
// call is tagged with its own user agent (which the audit log records), counted in a status
// histogram, and remembered when refused, so the invariant checker can prove that no refused
// call left an audit event behind.
import { fetchFrom, freshLoopbackAddress } from "../../support/source-address.ts";
import { profileHeaders } from "../../support/rest-profile.ts";
import { stackEnv } from "../../support/stack.ts";

export interface Answer {
  /** HTTP status; 0 when the connection itself failed. */
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
  userAgent: string;
}

export interface Call {
  method?: string;
  /** Path under the API URL, e.g. `/rest/v1/organizations?select=id`. */
  path: string;
  /** The user's access token; without one the API key stands in, as supabase-js does. */
  token?: string;
  /** The `apikey` header; null sends none. */
  apikey?: string | null;
  headers?: Record<string, string>;
  /** A string or bytes are sent as they are; anything else as JSON. */
  body?: unknown;
  /** Sends from another address than the attacker's usual one (fetchFrom). */
  from?: typeof globalThis.fetch;
}

export interface Failure {
  call: Call;
  status: number;
  text: string;
}

export const calls = {
  total: 0,
  statuses: new Map<number, number>(),
  /** User agents of calls answered 4xx: none of them may appear in the audit log. */
  refusedAgents: new Set<string>(),
  /** Calls answered 5xx or not at all, with enough to reproduce them. */
  failures: [] as Failure[],
};

// The attacker calls from a loopback address of its own, so the limiters it trips (keyed by client
// address) never throttle the e2e tests running beside it from 127.0.0.1.
const attackerFetch = fetchFrom(freshLoopbackAddress());
let sequence = 0;
const runId = Math.random().toString(36).slice(2, 10);

export async function call(request: Call): Promise<Answer> {
  const userAgent = `roster-attack/${runId}/${process.pid}/${++sequence}`;
  const apikey = request.apikey === undefined ? stackEnv.ANON_KEY : request.apikey;
  let body: string | Uint8Array | undefined;
  if (typeof request.body === "string" || request.body instanceof Uint8Array) body = request.body;
  else if (request.body !== undefined) body = JSON.stringify(request.body);
  const method = request.method ?? (body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = {
    "user-agent": userAgent,
    ...profileHeaders(method, request.path),
    ...request.headers,
  };
  if (apikey !== null) headers.apikey = apikey;
  const bearer = request.token ?? apikey;
  if (bearer && !("authorization" in headers)) headers.authorization = `Bearer ${bearer}`;
  if (
    typeof request.body !== "string" &&
    !(request.body instanceof Uint8Array) &&
    body !== undefined
  )
    headers["content-type"] ??= "application/json";
  let answer: Answer;
  try {
    const response = await (request.from ?? attackerFetch)(`${stackEnv.API_URL}${request.path}`, {
      method,
      headers,
      body,
    });
    const text = await response.text();
    answer = {
      status: response.status,
      body: parseJson(text),
      text,
      headers: response.headers,
      userAgent,
    };
  } catch (error) {
    const text = `connection error: ${(error as Error).cause ?? (error as Error).message}`;
    answer = { status: 0, body: undefined, text, headers: new Headers(), userAgent };
  }
  calls.total += 1;
  calls.statuses.set(answer.status, (calls.statuses.get(answer.status) ?? 0) + 1);
  if (answer.status >= 400 && answer.status < 500) calls.refusedAgents.add(userAgent);
  if (answer.status === 0 || answer.status >= 500)
    calls.failures.push({ call: request, status: answer.status, text: answer.text.slice(0, 300) });
  return answer;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function rpc(token: string | undefined, name: string, args: Record<string, unknown>) {
  return call({ path: `/rest/v1/rpc/${name}`, token, body: args });
}

/** The `hint` of an error answer, if it has one. */
export function hintOf(answer: Answer): string | undefined {
  const body = answer.body as { hint?: unknown } | undefined;
  return typeof body?.hint === "string" ? body.hint : undefined;
}

/** The answer's JSON body, or an error naming the call when it was refused. */
export function ok<T>(answer: Answer, what: string): T {
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.body as T;
}
