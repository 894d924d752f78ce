import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { auditKeys } from "./keys";

/** Starts re-verifying the whole chain as a background job (`start_audit_full_check`). */
export async function startAuditFullCheck(orgId: string) {
  const { error } = await supabase.rpc("start_audit_full_check", { p_org_id: orgId });
  if (error) throw error;
}

// The chain status then reports the run's progress, and is read again while it runs.
export function useStartAuditFullCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startAuditFullCheck,
    onSettled: (_data, _error, orgId) =>
      queryClient.invalidateQueries({ queryKey: auditKeys.chain(orgId) }),
  });
}
