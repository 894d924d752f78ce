// supabase-js clients: as the caller (their JWT, so RLS and the RPCs decide) and as the
// service role (only for what the database reserves to it). Both prefer the project's new API
// keys and fall back to the legacy anon/service_role JWTs.
import { createClient } from "@supabase/supabase-js";
import { publishableKey, secretKey, type Caller } from "./auth.ts";
import { clientAddress, requireEnv } from "./http.ts";

const options = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
};

// The caller's address and user agent go along, so audit events record the person, not the function.
// A caller without a user token acts with the key matching their role: secret or publishable.
export function callerClient(request: Request, caller: Caller) {
  const headers: Record<string, string> = { "x-forwarded-for": clientAddress(request) };
  if (caller.token) headers.Authorization = `Bearer ${caller.token}`;
  const userAgent = request.headers.get("user-agent");
  if (userAgent) headers["user-agent"] = userAgent;
  const key = caller.role === "service_role" ? secretKey() : publishableKey();
  return createClient(requireEnv("SUPABASE_URL"), key, {
    ...options,
    global: { headers },
  });
}

export function serviceClient() {
  return createClient(requireEnv("SUPABASE_URL"), secretKey(), options);
}

export type Client = ReturnType<typeof callerClient>;
