import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export async function updateDisplayName(displayName: string) {
  const { data, error } = await supabase.rpc("update_profile", { p_display_name: displayName });
  if (error) throw error;
  return data;
}

// Everything may show the name (member lists, the audit log): refetch it all.
export function useUpdateDisplayName() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDisplayName,
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "auth" }),
  });
}
