// supabase-js clients: as the caller (their JWT, so RLS and the RPCs decide) and as the
// service role (only for what the database reserves to it). Both prefer the project's new API
// keys and fall back to the legacy anon/service_role JWTs.
import { createClient } from "@supabase/supabase-js";
import { publishableKey, secretKey, type Caller } from "./auth.ts";
import { clientAddress, requireEnv } from "./http.ts";

// Roster's tables and RPCs live in the `roster` schema (docs/adopting.md).
const options = {
  db: { schema: "roster" },
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
};

// The caller's user agent goes along, so audit events record the person, not the function. A
// caller without a user token acts with the key matching their role: secret or publishable. Only
// with the secret key can the function vouch for its caller's address (Sb-Forwarded-For, which
// the edge drops from any other request); a user's changes record the address that reached the
// API, which is the function's (docs/database.md, "Client address").
export function callerClient(request: Request, caller: Caller) {
  const headers: Record<string, string> =
    caller.role === "service_role" ? vouchingFor(request) : {};
  if (caller.token) headers.Authorization = `Bearer ${caller.token}`;
  const userAgent = request.headers.get("user-agent");
  if (userAgent) headers["user-agent"] = userAgent;
  const key = caller.role === "service_role" ? secretKey() : publishableKey();
  return createClient(requireEnv("SUPABASE_URL"), key, {
    ...options,
    global: { headers },
  });
}

// The service role; given the request, vouching for its caller's address, which the database's
// per-address limits then count (invitation-preview).
export function serviceClient(onBehalfOf?: Request) {
  return createClient(requireEnv("SUPABASE_URL"), secretKey(), {
    ...options,
    global: { headers: onBehalfOf ? vouchingFor(onBehalfOf) : {} },
  });
}

function vouchingFor(request: Request): Record<string, string> {
  return { "sb-forwarded-for": clientAddress(request) };
}

export type Client = ReturnType<typeof callerClient>;
