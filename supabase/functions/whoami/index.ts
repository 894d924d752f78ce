// Answers with the caller's user id, read from their access token by Supabase Auth.
// Used to prove the edge-function path end to end: gateway, JWT, Deno, supabase-js.
import { authenticate } from "../_shared/auth.ts";
import { handle, HttpError } from "../_shared/http.ts";
import { callerClient } from "../_shared/supabase.ts";

Deno.serve(
  handle(async (request) => {
    const { data, error } = await callerClient(request, await authenticate(request)).auth.getUser();
    if (error || !data.user) throw new HttpError(401, "unauthorized", "Sign in first.");
    return Response.json({ user_id: data.user.id, email: data.user.email });
  }),
);
