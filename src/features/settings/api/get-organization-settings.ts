import { queryOptions, useQuery } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { settingsKeys } from "./keys";

export type OrganizationSettings = {
  id: string;
  name: string;
  legalName: string;
  description: string;
  createdAt: string;
  invitationLifetimeHours: number;
};

/** The organization's business settings; the server requires `settings.read`. */
export async function getOrganizationSettings(orgId: string): Promise<OrganizationSettings> {
  const { data, error } = await supabase
    .rpc("get_organization_settings", { p_org_id: orgId })
    .single();
  if (error) throw error;
  return {
    id: data.id,
    name: data.name,
    legalName: data.legal_name ?? "",
    description: data.description ?? "",
    createdAt: data.created_at,
    invitationLifetimeHours: data.invitation_lifetime_hours,
  };
}

export function getOrganizationSettingsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: settingsKeys.organization(orgId),
    queryFn: () => getOrganizationSettings(orgId),
  });
}

export function useOrganizationSettings(orgId: string, enabled: boolean) {
  return useQuery({ ...getOrganizationSettingsQueryOptions(orgId), enabled });
}
