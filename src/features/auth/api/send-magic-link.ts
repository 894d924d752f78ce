import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export type SendMagicLinkInput = {
  email: string;
  /** The address the emailed link opens; Supabase Auth puts the session in its fragment. */
  redirectTo: string;
};

// Only existing accounts get a link: signing up asks for a name and password.
export async function sendMagicLink({ email, redirectTo }: SendMagicLinkInput) {
  const { error } = await supabase.auth.signInWithOtp({
    email,
    options: { emailRedirectTo: redirectTo, shouldCreateUser: false },
  });
  if (error) throw error;
}

export function useSendMagicLink() {
  return useMutation({ mutationFn: sendMagicLink });
}
