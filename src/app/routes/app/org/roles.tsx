import { RequirePagePermission } from "@/features/organizations/components/no-access";
import { useCurrentOrg } from "@/kit/current-org";
import { RolesPage } from "@/features/roles/components/roles-page";
import { orgPage } from "@/lib/org-pages";

export function RolesRoute() {
  const org = useCurrentOrg();
  return (
    <RequirePagePermission page={orgPage("Roles")}>
      <RolesPage
        org={{ id: org.id, name: org.name }}
        actor={{ role: org.role, permissions: org.permissions }}
      />
    </RequirePagePermission>
  );
}
