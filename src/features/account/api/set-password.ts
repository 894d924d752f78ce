import { isAuthError } from "@supabase/auth-js";
import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export type SetPasswordInput = {
  password: string;
  /** The code from the reauthentication email, when the server asked for one. */
  nonce?: string;
};

export async function setPassword({ password, nonce }: SetPasswordInput) {
  const { error } = await supabase.auth.updateUser(nonce ? { password, nonce } : { password });
  if (error) throw error;
}

/**
 * With secure password change on, Supabase Auth changes a password only for a session signed in
 * within the last 24 hours, or with the code `reauthenticate()` emails (supabase/auth
 * internal/api/user.go UserUpdate).
 */
export function needsReauthentication(error: unknown): boolean {
  return isAuthError(error) && error.code === "reauthentication_needed";
}

export function useSetPassword() {
  return useMutation({ mutationFn: setPassword });
}
