import { AuthClient } from "@supabase/auth-js";
import { FunctionsClient } from "@supabase/functions-js";
import { PostgrestClient, type PostgrestClientOptions } from "@supabase/postgrest-js";
import { env } from "@/config/env";
import type { Database } from "@/types/database.types";

// The one client for the app, built from the parts the SPA uses (auth, the REST API, edge
// functions) instead of supabase-js's createClient, which also constructs the realtime and
// storage clients and so put them in the first download. Wired as createClient wires it
// (supabase-js src/SupabaseClient.ts): auth-js defaults (session in localStorage, refreshed
// before it expires), createClient's storage key so existing sessions carry over, and every
// request carrying the key plus the session's access token.

const auth = new AuthClient({
  url: `${env.supabaseUrl}/auth/v1`,
  headers: { apikey: env.supabaseKey, Authorization: `Bearer ${env.supabaseKey}` },
  // The first label of the API's host names the project.
  storageKey: `sb-${new URL(env.supabaseUrl).hostname.split(".")[0]}-auth-token`,
});

/** The signed-in user's access token, or the public key for a visitor (supabase-js fetchWithAuth). */
export async function accessToken(): Promise<string> {
  const { data } = await auth.getSession();
  return data.session?.access_token ?? env.supabaseKey;
}

const fetchWithAuth: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  if (!headers.has("apikey")) headers.set("apikey", env.supabaseKey);
  if (!headers.has("Authorization")) headers.set("Authorization", `Bearer ${await accessToken()}`);
  return fetch(input, { ...init, headers });
};

export const supabase = Object.assign(
  // Roster's tables and RPCs live in their own schema, beside the app's `public`.
  new PostgrestClient<Database, PostgrestClientOptions, "roster">(`${env.supabaseUrl}/rest/v1`, {
    fetch: fetchWithAuth,
    schema: "roster",
  }),
  {
    auth,
    functions: new FunctionsClient(`${env.supabaseUrl}/functions/v1`, {
      customFetch: fetchWithAuth,
    }),
  },
);
