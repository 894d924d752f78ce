// Shared by the edge-function API tests: calls to functions that keep the HTTP status.
import { FunctionsHttpError } from "@supabase/supabase-js";
import type { Client } from "../support/clients.ts";

export interface FunctionAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

// Calls a function with supabase-js, answering with the HTTP status and the JSON body for
// success and refusal alike.
export async function invoke<T = Record<string, unknown>>(
  client: Client,
  name: string,
  options: {
    body?: Record<string, unknown>;
    method?: "GET" | "POST";
    headers?: Record<string, string>;
  } = {},
): Promise<FunctionAnswer<T>> {
  const { data, error, response } = await client.functions.invoke(name, {
    method: options.method ?? "POST",
    body: options.body,
    headers: options.headers,
  });
  if (error instanceof FunctionsHttpError) {
    const context = error.context as Response;
    return { status: context.status, body: (await context.json()) as T, headers: context.headers };
  }
  if (error) throw error;
  return {
    status: response?.status ?? 200,
    body: data as T,
    headers: response?.headers ?? new Headers(),
  };
}
