import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";
import { organizationKeys } from "./keys";

export type CreateOrganizationInput = {
  name: string;
  slug: string;
  legalName: string;
  description: string;
};

// Blank optional fields are left out, so the server stores nothing rather than "".
export async function createOrganization({
  name,
  slug,
  legalName,
  description,
}: CreateOrganizationInput) {
  const { data, error } = await supabase.rpc("create_organization", {
    p_name: name,
    p_slug: slug,
    ...(legalName.trim() && { p_legal_name: legalName }),
    ...(description.trim() && { p_description: description }),
  });
  if (error) throw error;
  return data;
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrganization,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.mine() }),
  });
}
