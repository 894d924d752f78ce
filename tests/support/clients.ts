// supabase-js clients for API tests: anonymous, signed-in users, and the service role.
import { createClient, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import ws from "ws";
import type { Database } from "../../src/types/database.types.ts";
import { uniqueEmail } from "./emails.ts";
import { stackEnv } from "./stack.ts";

// Node 20 has no global WebSocket, which supabase-js's realtime client insists on.
// `fetch` picks how requests leave, e.g. from their own address (source-address.ts).
export function apiClient(key: string, accessToken?: string, fetch?: typeof globalThis.fetch) {
  return createClient<Database, "roster">(stackEnv.API_URL, key, {
    db: { schema: "roster" },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      fetch,
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    },
    realtime: { transport: ws as unknown as WebSocketLikeConstructor },
  });
}

// The password every test user signs up with.
export const testPassword = "correct-horse-battery";

export type Client = ReturnType<typeof apiClient>;
export const anonClient = () => apiClient(stackEnv.ANON_KEY);
export const serviceClient = () => apiClient(stackEnv.SERVICE_ROLE_KEY);

export async function signedUpClient(
  label = "user",
  fullName = "Test User",
): Promise<{ client: Client; email: string; userId: string }> {
  const client = anonClient();
  const email = uniqueEmail(label);
  const { data, error } = await client.auth.signUp({
    email,
    password: testPassword,
    options: { data: { full_name: fullName } },
  });
  if (error || !data.user) throw error ?? new Error("sign-up returned no user");
  // With email confirmation on there is no session yet: confirm as an admin, then sign in.
  if (!data.session) {
    await serviceClient().auth.admin.updateUserById(data.user.id, { email_confirm: true });
    const signIn = await client.auth.signInWithPassword({ email, password: testPassword });
    if (signIn.error) throw signIn.error;
  }
  return { client, email, userId: data.user.id };
}
