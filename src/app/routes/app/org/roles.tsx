import { useCurrentOrg } from "@/features/organizations/hooks/use-current-org";
import { RolesPage } from "@/features/roles/components/roles-page";

export function RolesRoute() {
  const org = useCurrentOrg();
  return (
    <RolesPage
      org={{ id: org.id, name: org.name }}
      actor={{ role: org.role, permissions: org.permissions }}
    />
  );
}
