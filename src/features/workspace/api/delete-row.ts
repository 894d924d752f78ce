import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type AppTable, appTables, expectRows } from "./app-tables";
import { workspaceKeys } from "./keys";

/** Deletes a customer (and, by cascade, its conversations) or a conversation; `.write` holders. */
export async function deleteRow({ table, id }: { table: AppTable; id: string }) {
  const { data, error } = await appTables().from(table).delete().eq("id", id).select("id");
  if (error) throw error;
  expectRows(data);
}

// A deleted customer takes its conversations with it: both lists refetch.
export function useDeleteRow(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRow,
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...workspaceKeys.all, orgId] }),
  });
}
