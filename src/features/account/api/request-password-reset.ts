import { useMutation } from "@tanstack/react-query";
import { paths } from "@/config/paths";
import { supabase } from "@/lib/supabase";

/** Emails a recovery link that lands on the set-new-password page. Unknown addresses get the same answer. */
export async function requestPasswordReset(email: string) {
  const { error } = await supabase.auth.resetPasswordForEmail(email, {
    redirectTo: `${window.location.origin}${paths.resetPassword.getHref()}`,
  });
  if (error) throw error;
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
