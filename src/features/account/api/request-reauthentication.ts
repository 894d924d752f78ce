import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

/** Emails the signed-in person a code that proves, for a password change, that it is them. */
export async function requestReauthentication() {
  const { error } = await supabase.auth.reauthenticate();
  if (error) throw error;
}

export function useRequestReauthentication() {
  return useMutation({ mutationFn: requestReauthentication });
}
