// supabase-js clients for API tests: anonymous, signed-in users, and the service role.
import { createClient, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import ws from "ws";
import type { Database } from "../../src/types/database.types.ts";
import { stackEnv } from "./stack.ts";

// Node 20 has no global WebSocket, which supabase-js's realtime client insists on.
export function apiClient(key: string, accessToken?: string) {
  return createClient<Database>(stackEnv.API_URL, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {},
    realtime: { transport: ws as unknown as WebSocketLikeConstructor },
  });
}

export type Client = ReturnType<typeof apiClient>;
export const anonClient = () => apiClient(stackEnv.ANON_KEY);
export const serviceClient = () => apiClient(stackEnv.SERVICE_ROLE_KEY);

// A unique address per call, so tests never collide with each other or with seed data.
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.roster.dev`;
}

export async function signedUpClient(
  label = "user",
  fullName = "Test User",
): Promise<{ client: Client; email: string; userId: string }> {
  const client = anonClient();
  const email = uniqueEmail(label);
  const { data, error } = await client.auth.signUp({
    email,
    password: "correct-horse-battery",
    options: { data: { full_name: fullName } },
  });
  if (error || !data.user) throw error ?? new Error("sign-up returned no user");
  return { client, email, userId: data.user.id };
}
