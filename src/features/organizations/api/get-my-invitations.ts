import { queryOptions, useQuery } from "@tanstack/react-query";
import type { OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { organizationKeys } from "./keys";
import { liveQueryOptions } from "@/kit/api/live";

export type MyInvitation = {
  id: string;
  orgSlug: string;
  orgName: string;
  role: OrgRole;
  inviterName: string | null;
  expiresAt: string;
};

/** Pending invitations addressed to the user's confirmed email (`my_invitations`). */
export async function getMyInvitations(): Promise<MyInvitation[]> {
  const { data, error } = await supabase.rpc("my_invitations");
  if (error) throw error;
  return data.map((row) => ({
    id: row.id,
    orgSlug: row.org_slug,
    orgName: row.org_name,
    role: row.role,
    inviterName: row.invited_by_name,
    expiresAt: row.expires_at,
  }));
}

export function getMyInvitationsQueryOptions() {
  return queryOptions({ queryKey: organizationKeys.invitations(), queryFn: getMyInvitations });
}

export function useMyInvitations() {
  return useQuery({ ...getMyInvitationsQueryOptions(), ...liveQueryOptions });
}
