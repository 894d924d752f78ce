import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import type { Database } from "@/types/database.types";
import { appTables } from "./app-tables";
import { workspaceKeys } from "./keys";

type ConversationRow = Database["public"]["Tables"]["conversations"]["Row"];
export type ConversationChannel = "voice" | "chat" | "sms" | "email";
export type ConversationStatus = "open" | "pending" | "closed";

export type Conversation = Pick<
  ConversationRow,
  "id" | "customer_id" | "subject" | "updated_at"
> & {
  channel: ConversationChannel;
  status: ConversationStatus;
  customer: { name: string } | null;
};

export const conversationsPageSize = 50;

/**
 * One page of the organization's conversations, most recently updated first, after `after`
 * (keyset on updated_at, id over the (org_id, updated_at desc) index). RLS returns rows only to
 * conversations.read holders; the customer's name only with customers.read.
 */
export async function getConversations(
  orgId: string,
  after: Conversation | null,
): Promise<Conversation[]> {
  let query = appTables()
    .from("conversations")
    .select("id, customer_id, channel, subject, status, updated_at, customer:customers(name)")
    .eq("org_id", orgId);
  if (after) {
    query = query
      .lte("updated_at", after.updated_at)
      .or(
        `updated_at.lt.${after.updated_at},and(updated_at.eq.${after.updated_at},id.lt.${after.id})`,
      );
  }
  const { data, error } = await query
    .order("updated_at", { ascending: false })
    .order("id", { ascending: false })
    .limit(conversationsPageSize);
  if (error) throw error;
  // The check constraints hold channel and status to these values.
  return data as Conversation[];
}

export function getConversationsQueryOptions(orgId: string) {
  return infiniteQueryOptions({
    queryKey: workspaceKeys.table(orgId, "conversations"),
    queryFn: ({ pageParam }) => getConversations(orgId, pageParam),
    initialPageParam: null as Conversation | null,
    getNextPageParam: (page) =>
      page.length === conversationsPageSize ? page[page.length - 1] : undefined,
  });
}

export function useConversations(orgId: string) {
  return useInfiniteQuery(getConversationsQueryOptions(orgId));
}
