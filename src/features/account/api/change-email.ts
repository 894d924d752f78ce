import { useMutation } from "@tanstack/react-query";
import { paths } from "@/config/paths";
import { supabase } from "@/lib/supabase";

/** Asks for a new address; it takes effect once the link mailed to it is followed. */
export async function changeEmail(email: string) {
  const { data, error } = await supabase.auth.updateUser(
    { email },
    { emailRedirectTo: `${window.location.origin}${paths.profile.getHref()}` },
  );
  if (error) throw error;
  return data.user;
}

export function useChangeEmail() {
  return useMutation({ mutationFn: changeEmail });
}
