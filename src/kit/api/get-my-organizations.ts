import { queryOptions, useQuery } from "@tanstack/react-query";
import { isOrgRole, type OrgRole } from "@/lib/roles";
import { supabase } from "@/lib/supabase";
import { accessKeys } from "./keys";
import { liveQueryOptions } from "./live";

export type MyOrganization = {
  id: string;
  slug: string;
  name: string;
  role: OrgRole;
  isPersonal: boolean;
};

/** The organizations the user is an active member of, from the `my_memberships` view. */
export async function getMyOrganizations(): Promise<MyOrganization[]> {
  const { data, error } = await supabase
    .from("my_memberships")
    .select("org_id, org_slug, org_name, role, is_personal")
    .order("org_name");
  if (error) throw error;
  return data.flatMap((row) =>
    row.org_id && row.org_slug && row.org_name && isOrgRole(row.role)
      ? [
          {
            id: row.org_id,
            slug: row.org_slug,
            name: row.org_name,
            role: row.role,
            isPersonal: row.is_personal ?? false,
          },
        ]
      : [],
  );
}

export function getMyOrganizationsQueryOptions() {
  return queryOptions({ queryKey: accessKeys.mine(), queryFn: getMyOrganizations });
}

export function useMyOrganizations() {
  return useQuery({ ...getMyOrganizationsQueryOptions(), ...liveQueryOptions });
}
