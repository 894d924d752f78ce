import { createClient } from "@supabase/supabase-js";
import { env } from "@/config/env";
import type { Database } from "@/types/database.types";

// The one client for the app. Auth defaults apply: the session is kept in
// localStorage (so it survives reloads) and refreshed before it expires.
export const supabase = createClient<Database>(env.supabaseUrl, env.supabaseKey);
