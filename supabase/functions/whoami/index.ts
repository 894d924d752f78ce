// Answers with the caller's user id, read from their access token by Supabase Auth.
// Used to prove the edge-function path end to end: gateway, JWT, Deno, supabase-js.
import { createClient } from "@supabase/supabase-js";

Deno.serve(async (req) => {
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!, {
    global: { headers: { Authorization: req.headers.get("Authorization") ?? "" } },
    auth: { persistSession: false },
  });
  const { data, error } = await supabase.auth.getUser();
  if (error || !data.user) {
    return Response.json({ error: "not_signed_in" }, { status: 401 });
  }
  return Response.json({ user_id: data.user.id, email: data.user.email });
});
