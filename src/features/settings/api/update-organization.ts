import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import type { OrganizationSettings } from "./get-organization-settings";

export type UpdateOrganizationInput = {
  orgId: string;
  /** Only the fields that changed; a blank legal name or description clears it. */
  changes: Partial<
    Pick<OrganizationSettings, "name" | "legalName" | "description" | "invitationLifetimeHours">
  >;
};

export async function updateOrganization({ orgId, changes }: UpdateOrganizationInput) {
  const { data, error } = await supabase.rpc("update_organization", {
    p_org_id: orgId,
    ...(changes.name !== undefined && { p_name: changes.name }),
    ...(changes.legalName !== undefined && { p_legal_name: changes.legalName }),
    ...(changes.description !== undefined && { p_description: changes.description }),
    ...(changes.invitationLifetimeHours !== undefined && {
      p_invitation_lifetime_hours: changes.invitationLifetimeHours,
    }),
  });
  if (error) throw error;
  return data;
}

// The name shows in the switcher, the navigation and elsewhere: refetch everything on screen.
export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrganization,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
