import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export type VerifyEmailCodeInput = { email: string; code: string };

/** Signs in with the 6-digit code from the same email as the magic link. */
export async function verifyEmailCode({ email, code }: VerifyEmailCodeInput) {
  const { data, error } = await supabase.auth.verifyOtp({ email, token: code, type: "email" });
  if (error) throw error;
  return data.session;
}

// The session query is updated by subscribeToAuthChanges when Auth emits SIGNED_IN.
export function useVerifyEmailCode() {
  return useMutation({ mutationFn: verifyEmailCode });
}
