import { useMutation } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

export type DeleteOrganizationInput = { orgId: string; confirmName: string };

export async function deleteOrganization({ orgId, confirmName }: DeleteOrganizationInput) {
  const { error } = await supabase.rpc("delete_organization", {
    p_org_id: orgId,
    p_confirm_name: confirmName,
  });
  if (error) throw error;
}

// The caller of this hook moves the person out of the organization and refreshes their list.
export function useDeleteOrganization() {
  return useMutation({ mutationFn: deleteOrganization });
}
