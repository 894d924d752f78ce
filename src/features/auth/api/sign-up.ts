import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export type SignUpInput = {
  fullName: string;
  email: string;
  password: string;
  /** Where the confirmation link should land, when the project requires confirming the email. */
  redirectTo: string;
};

/** Returns the new session, or null when the email must be confirmed first. */
export async function signUp({ fullName, email, password, redirectTo }: SignUpInput) {
  const { data, error } = await supabase.auth.signUp({
    email,
    password,
    options: { data: { full_name: fullName }, emailRedirectTo: redirectTo },
  });
  if (error) throw error;
  return data.session;
}

// A session (auto-confirmed sign-up) reaches the cache through subscribeToAuthChanges.
export function useSignUp() {
  return useMutation({ mutationFn: signUp });
}
