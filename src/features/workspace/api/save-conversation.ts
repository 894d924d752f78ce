import { useMutation, useQueryClient } from "@tanstack/react-query";
import { appTables, expectRows } from "./app-tables";
import type { Conversation } from "./get-conversations";
import { workspaceKeys } from "./keys";

export type ConversationFields = Pick<Conversation, "channel" | "subject" | "status">;
export type SaveConversationInput =
  | { orgId: string; id: null; customerId: string; fields: ConversationFields }
  | { orgId: string; id: string; fields: ConversationFields };

/** Opens a conversation with a customer (no id) or edits one; conversations.write holders only. */
export async function saveConversation(input: SaveConversationInput) {
  const { data, error } =
    input.id !== null
      ? await appTables().from("conversations").update(input.fields).eq("id", input.id).select("id")
      : await appTables()
          .from("conversations")
          .insert({ org_id: input.orgId, customer_id: input.customerId, ...input.fields })
          .select("id");
  if (error) throw error;
  return expectRows(data)[0]!;
}

export function useSaveConversation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveConversation,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: workspaceKeys.table(orgId, "conversations") }),
  });
}
