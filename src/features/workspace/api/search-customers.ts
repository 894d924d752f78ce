import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { containsPattern } from "@/lib/postgrest";
import { appTables } from "./app-tables";
import { workspaceKeys } from "./keys";

export type CustomerChoice = { id: string; name: string };

export const customerSearchLimit = 20;

/**
 * Up to 20 of the organization's customers whose name contains `text` (case-insensitive; the
 * first 20 by name when empty), for a picker that must reach customers no page has loaded.
 * RLS returns rows only to customers.read holders.
 */
export async function searchCustomers(orgId: string, text: string): Promise<CustomerChoice[]> {
  let query = appTables().from("customers").select("id, name").eq("org_id", orgId);
  if (text) query = query.ilike("name", containsPattern(text));
  const { data, error } = await query.order("name").order("id").limit(customerSearchLimit);
  if (error) throw error;
  return data;
}

export function searchCustomersQueryOptions(orgId: string, text: string) {
  return queryOptions({
    // under the customers table's key: a saved or deleted customer refreshes the answers too
    queryKey: [...workspaceKeys.table(orgId, "customers"), "search", text] as const,
    queryFn: () => searchCustomers(orgId, text),
  });
}

/** The answer for `text`; while the next one loads, the previous answer stays on screen. */
export function useSearchCustomers(orgId: string, text: string, enabled: boolean) {
  return useQuery({
    ...searchCustomersQueryOptions(orgId, text),
    enabled,
    placeholderData: keepPreviousData,
  });
}
