import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { memberKeys } from "./keys";

export type MemberActivity = {
  id: number;
  occurredAt: string;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  reason: string | null;
};

export const memberActivityLimit = 10;

/** The latest audit events about one person (audit.read holders only; RLS says so too). */
export async function getMemberActivity(orgId: string, userId: string): Promise<MemberActivity[]> {
  const { data, error } = await supabase
    .from("audit_events")
    .select("id, occurred_at, action, actor_id, actor_email, reason")
    .eq("org_id", orgId)
    .eq("target_user_id", userId)
    .order("occurred_at", { ascending: false })
    .order("id", { ascending: false })
    .limit(memberActivityLimit);
  if (error) throw error;
  return data.map((row) => ({
    id: row.id,
    occurredAt: row.occurred_at,
    action: row.action,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    reason: row.reason,
  }));
}

/** `userId` null: nothing to read (an invitation, or a reader without audit.read). */
export function getMemberActivityQueryOptions(orgId: string, userId: string | null) {
  return queryOptions({
    queryKey: memberKeys.activity(orgId, userId ?? ""),
    queryFn: () => getMemberActivity(orgId, userId ?? ""),
    enabled: userId !== null,
  });
}

export function useMemberActivity(orgId: string, userId: string | null) {
  return useQuery(getMemberActivityQueryOptions(orgId, userId));
}
