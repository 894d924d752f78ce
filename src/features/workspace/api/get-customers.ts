import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import type { Database } from "@/types/database.types";
import { appTables, filterValue } from "./app-tables";
import { workspaceKeys } from "./keys";

export type Customer = Pick<
  Database["public"]["Tables"]["customers"]["Row"],
  "id" | "name" | "email" | "phone" | "notes"
>;

export const customersPageSize = 50;

/**
 * One page of the organization's customers by name, after `after` (keyset on name, id, so a
 * page costs the same however deep; the `gte` bound lets the (org_id, name) index start there).
 * RLS returns rows only to customers.read holders.
 */
export async function getCustomers(orgId: string, after: Customer | null): Promise<Customer[]> {
  let query = appTables()
    .from("customers")
    .select("id, name, email, phone, notes")
    .eq("org_id", orgId);
  if (after) {
    query = query
      .gte("name", after.name)
      .or(
        `name.gt.${filterValue(after.name)},and(name.eq.${filterValue(after.name)},id.gt.${after.id})`,
      );
  }
  const { data, error } = await query.order("name").order("id").limit(customersPageSize);
  if (error) throw error;
  return data;
}

export function getCustomersQueryOptions(orgId: string) {
  return infiniteQueryOptions({
    queryKey: workspaceKeys.table(orgId, "customers"),
    queryFn: ({ pageParam }) => getCustomers(orgId, pageParam),
    initialPageParam: null as Customer | null,
    getNextPageParam: (page) =>
      page.length === customersPageSize ? page[page.length - 1] : undefined,
  });
}

export function useCustomers(orgId: string) {
  return useInfiniteQuery(getCustomersQueryOptions(orgId));
}
