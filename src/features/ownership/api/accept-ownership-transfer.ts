import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { ownershipKeys } from "./keys";
import { notifyTransfer } from "./notify-transfer";

export async function acceptOwnershipTransfer(transferId: string) {
  const { data, error } = await supabase.rpc("accept_ownership_transfer", {
    p_transfer_id: transferId,
  });
  if (error) throw error;
  notifyTransfer(data.id);
  return data;
}

// Accepted, the two roles have swapped: every role, permission and member list on screen is
// out of date, so all of it is refetched. Refused, the request is read again.
export function useAcceptOwnershipTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptOwnershipTransfer,
    onSuccess: () => queryClient.invalidateQueries(),
    onError: () => queryClient.invalidateQueries({ queryKey: ownershipKeys.pending() }),
  });
}
