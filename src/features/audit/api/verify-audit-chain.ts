import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { auditKeys } from "./keys";

export type ChainStatus = { ok: boolean; checked: number; firstBrokenId: number | null };

/** Walks the organization's hash chain on the server (`verify_audit_chain`). */
export async function verifyAuditChain(orgId: string): Promise<ChainStatus> {
  const { data, error } = await supabase.rpc("verify_audit_chain", { p_org_id: orgId });
  if (error) throw error;
  const row = data as { ok?: unknown; checked?: unknown; first_broken_id?: unknown };
  return {
    ok: row.ok === true,
    checked: Number(row.checked ?? 0),
    firstBrokenId: row.first_broken_id == null ? null : Number(row.first_broken_id),
  };
}

export function getVerifyAuditChainQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: auditKeys.chain(orgId),
    queryFn: () => verifyAuditChain(orgId),
  });
}

export function useVerifyAuditChain(orgId: string) {
  return useQuery(getVerifyAuditChainQueryOptions(orgId));
}
