import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export type SignInWithPasswordInput = {
  email: string;
  password: string;
};

export async function signInWithPassword({ email, password }: SignInWithPasswordInput) {
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return data.session;
}

// The session query is updated by subscribeToAuthChanges when Auth emits SIGNED_IN.
export function useSignInWithPassword() {
  return useMutation({ mutationFn: signInWithPassword });
}
