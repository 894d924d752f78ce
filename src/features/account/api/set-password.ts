import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export type SetPasswordInput = {
  password: string;
  /**
   * The password in use now, checked by signing in with it first: a session left open on a
   * shared computer cannot change the password. Absent after a recovery link, which proved the
   * inbox a moment ago.
   */
  currentPassword?: string;
};

export async function setPassword({ password, currentPassword }: SetPasswordInput) {
  if (currentPassword !== undefined) {
    const { data } = await supabase.auth.getUser();
    const { error } = await supabase.auth.signInWithPassword({
      email: data.user?.email ?? "",
      password: currentPassword,
    });
    if (error) throw error;
  }
  const { error } = await supabase.auth.updateUser({ password });
  if (error) throw error;
}

export function useSetPassword() {
  return useMutation({ mutationFn: setPassword });
}
