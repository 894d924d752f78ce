import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { ownershipKeys } from "./keys";

export async function cancelOwnershipTransfer(transferId: string) {
  const { data, error } = await supabase.rpc("cancel_ownership_transfer", {
    p_transfer_id: transferId,
  });
  if (error) throw error;
  return data;
}

export function useCancelOwnershipTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelOwnershipTransfer,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ownershipKeys.pending() }),
  });
}
