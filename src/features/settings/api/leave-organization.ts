import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

/** Returns the id of a personal organization made for the caller when this was their last one. */
export async function leaveOrganization(orgId: string) {
  const { data, error } = await supabase.rpc("leave_organization", { p_org_id: orgId });
  if (error) throw error;
  return data;
}

// The caller of this hook moves the person out of the organization and refreshes their list.
export function useLeaveOrganization() {
  return useMutation({ mutationFn: leaveOrganization });
}
