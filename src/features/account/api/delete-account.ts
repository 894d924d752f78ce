import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export async function deleteAccount(confirmEmail: string) {
  const { error } = await supabase.rpc("delete_my_account", { p_confirm_email: confirmEmail });
  if (error) throw error;
  // The user and its sessions are gone on the server; forget the session here too.
  await supabase.auth.signOut({ scope: "local" });
}

export function useDeleteAccount() {
  return useMutation({ mutationFn: deleteAccount });
}
