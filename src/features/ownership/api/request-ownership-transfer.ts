import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { ownershipKeys } from "./keys";
import { notifyTransfer } from "./notify-transfer";

export type RequestOwnershipTransferInput = {
  orgId: string;
  toUserId: string;
  /** The organization's name, typed by the owner. */
  confirmName: string;
};

export async function requestOwnershipTransfer({
  orgId,
  toUserId,
  confirmName,
}: RequestOwnershipTransferInput) {
  const { data, error } = await supabase.rpc("request_ownership_transfer", {
    p_org_id: orgId,
    p_to_user_id: toUserId,
    p_confirm_name: confirmName,
  });
  if (error) throw error;
  notifyTransfer(data.id);
  return data;
}

// Refused or not, the pending request is read again: a refusal often means it was out of date.
export function useRequestOwnershipTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestOwnershipTransfer,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ownershipKeys.pending() }),
  });
}
