import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export async function signOut() {
  const { error } = await supabase.auth.signOut();
  if (error) throw error;
}

// The session query is cleared by subscribeToAuthChanges when Auth emits SIGNED_OUT.
export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}
