import { invokeEdgeFunction } from "@/lib/edge-functions";

/**
 * Asks the `ownership-transfers` function to email whoever a transfer's new state concerns (the
 * target of a request, the owner of an outcome). Best effort, never awaited by the UI: whatever
 * it cannot send now, the function's sweep sends within a minute.
 */
export function notifyTransfer(transferId: string): void {
  invokeEdgeFunction("ownership-transfers", { action: "notify", transfer_id: transferId }).catch(
    () => undefined,
  );
}
