// Raw calls to the auth API, for tests that compare its answers with GoTrue's.
import { expect } from "vitest";
import { stackEnv } from "./stack.ts";

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

// A call as supabase-js makes it (API version header: `{ code, message }` errors), so bodies
// supabase-js would never send can be sent too.
export async function auth(
  path: string,
  options: { method?: string; body?: unknown; raw?: string; token?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${stackEnv.API_URL}/auth/v1${path}`, {
    method: options.method ?? "POST",
    headers: {
      apikey: stackEnv.ANON_KEY,
      authorization: `Bearer ${options.token ?? stackEnv.ANON_KEY}`,
      "content-type": "application/json",
      "x-supabase-api-version": "2024-01-01",
    },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

// Follows an emailed link as a browser would and returns the fragment it lands on.
export async function follow(link: string): Promise<URLSearchParams> {
  const response = await fetch(link, { redirect: "manual" });
  expect(response.status).toBe(303);
  return new URLSearchParams(new URL(response.headers.get("location")!).hash.slice(1));
}

// Whether the stack confirms email addresses (hosted Supabase's default; ROSTER_AUTH_CONFIRM=on).
export async function confirmsEmail(): Promise<boolean> {
  const { body } = await auth("/settings", { method: "GET" });
  return body.mailer_autoconfirm === false;
}
