import { FunctionsHttpError } from "@supabase/functions-js";
import { supabase } from "./supabase";

/** A refusal from an edge function: HTTP 4xx with a JSON body `{ code, message, hint }`. */
export class EdgeFunctionError extends Error {
  readonly code: string;
  readonly hint: string;
  readonly status: number;

  constructor(status: number, body: { code?: unknown; message?: unknown; hint?: unknown }) {
    super(typeof body.message === "string" ? body.message : `Edge function answered ${status}`);
    this.name = "EdgeFunctionError";
    this.status = status;
    this.code = typeof body.code === "string" ? body.code : "";
    this.hint = typeof body.hint === "string" ? body.hint : "";
  }
}

async function readErrorBody(response: Response) {
  try {
    const body: unknown = await response.json();
    return typeof body === "object" && body !== null ? body : {};
  } catch {
    return {};
  }
}

/** The refusal in a failed edge-function response, for callers that fetch the function directly. */
export async function edgeFunctionErrorFrom(response: Response): Promise<EdgeFunctionError> {
  return new EdgeFunctionError(response.status, await readErrorBody(response));
}

/**
 * Calls an edge function with the user's session. Refusals are thrown as EdgeFunctionError,
 * so getErrorMessage() maps their `hint` like a PostgREST error's.
 */
export async function invokeEdgeFunction<T>(name: string, body: Record<string, unknown>) {
  const { data, error } = await supabase.functions.invoke<T>(name, { body });
  if (error instanceof FunctionsHttpError) {
    throw await edgeFunctionErrorFrom(error.context as Response);
  }
  if (error) throw error;
  if (data === null) throw new Error(`Edge function ${name} answered without a body`);
  return data;
}
