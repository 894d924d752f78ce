import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { ownershipKeys } from "./keys";
import { notifyTransfer } from "./notify-transfer";

export async function declineOwnershipTransfer(transferId: string) {
  const { data, error } = await supabase.rpc("decline_ownership_transfer", {
    p_transfer_id: transferId,
  });
  if (error) throw error;
  notifyTransfer(data.id);
  return data;
}

export function useDeclineOwnershipTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: declineOwnershipTransfer,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ownershipKeys.pending() }),
  });
}
