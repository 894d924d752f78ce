import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { auditKeys } from "./keys";

export type FullCheckState = "never" | "running" | "done" | "broken";

export type ChainStatus = {
  ok: boolean;
  /** Events hashed by this call (only those after the last checkpoint). */
  checked: number;
  firstBrokenId: number | null;
  /** The newest checkpoint: the chain is verified up to this event, which happened at this time. */
  verifiedThroughId: number | null;
  verifiedThroughAt: string | null;
  /** The background re-verification of the whole chain (`start_audit_full_check`). */
  fullCheck: { state: FullCheckState; done: number; total: number; finishedAt: string | null };
};

const fullCheckStates: readonly FullCheckState[] = ["never", "running", "done", "broken"];

const idOrNull = (value: unknown) => (value == null ? null : Number(value));
const textOrNull = (value: unknown) => (typeof value === "string" ? value : null);

/**
 * Verifies the organization's hash chain on the server (`verify_audit_chain`): incrementally,
 * from the last checkpoint, so it answers at once at any size.
 */
export async function verifyAuditChain(orgId: string): Promise<ChainStatus> {
  const { data, error } = await supabase.rpc("verify_audit_chain", { p_org_id: orgId });
  if (error) throw error;
  const row = data as Record<string, unknown>;
  const state = fullCheckStates.find((candidate) => candidate === row.full_check_state);
  return {
    ok: row.ok === true,
    checked: Number(row.checked ?? 0),
    firstBrokenId: idOrNull(row.first_broken_id),
    verifiedThroughId: idOrNull(row.verified_through_id),
    verifiedThroughAt: textOrNull(row.verified_through_at),
    fullCheck: {
      state: state ?? "never",
      done: Number(row.full_check_done ?? 0),
      total: Number(row.full_check_total ?? 0),
      finishedAt: textOrNull(row.full_check_finished_at),
    },
  };
}

// While a full check runs in the background, its progress is read again every few seconds.
const fullCheckPollMs = 3_000;

export function getVerifyAuditChainQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: auditKeys.chain(orgId),
    queryFn: () => verifyAuditChain(orgId),
    refetchInterval: (query) =>
      query.state.data?.fullCheck.state === "running" ? fullCheckPollMs : false,
  });
}

export function useVerifyAuditChain(orgId: string) {
  return useQuery(getVerifyAuditChainQueryOptions(orgId));
}
