import { useMutation, useQueryClient } from "@tanstack/react-query";
import { appTables, expectRows } from "./app-tables";
import type { Customer } from "./get-customers";
import { workspaceKeys } from "./keys";

export type CustomerFields = Omit<Customer, "id">;
export type SaveCustomerInput = { orgId: string; id: string | null; fields: CustomerFields };

/** Adds a customer (no id) or edits one; RLS lets only customers.write holders do either. */
export async function saveCustomer({ orgId, id, fields }: SaveCustomerInput) {
  const { data, error } = id
    ? await appTables().from("customers").update(fields).eq("id", id).select("id")
    : await appTables()
        .from("customers")
        .insert({ org_id: orgId, ...fields })
        .select("id");
  if (error) throw error;
  return expectRows(data)[0]!;
}

// Refetched even after a refusal: the list shows what the server now holds.
export function useSaveCustomer(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCustomer,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: workspaceKeys.table(orgId, "customers") }),
  });
}
