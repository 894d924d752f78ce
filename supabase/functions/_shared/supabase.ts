// supabase-js clients: as the caller (their JWT, so RLS and the RPCs decide) and as the
// service role (only for what the database reserves to it).
import { createClient } from "@supabase/supabase-js";
import { clientAddress, requireEnv } from "./http.ts";

const options = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
};

// The caller's address and user agent go along, so audit events record the person, not the function.
export function callerClient(request: Request) {
  const headers: Record<string, string> = {
    Authorization: request.headers.get("authorization") ?? "",
    "x-forwarded-for": clientAddress(request),
  };
  const userAgent = request.headers.get("user-agent");
  if (userAgent) headers["user-agent"] = userAgent;
  return createClient(requireEnv("SUPABASE_URL"), requireEnv("SUPABASE_ANON_KEY"), {
    ...options,
    global: { headers },
  });
}

export function serviceClient() {
  return createClient(requireEnv("SUPABASE_URL"), requireEnv("SUPABASE_SERVICE_ROLE_KEY"), options);
}

export type Client = ReturnType<typeof callerClient>;
