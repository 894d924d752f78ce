import { AuditPage } from "@/features/audit/components/audit-page";
import { RequirePagePermission } from "@/features/organizations/components/no-access";
import { useCurrentOrg } from "@/kit/current-org";
import { orgPage } from "@/lib/org-pages";

export function AuditRoute() {
  const org = useCurrentOrg();
  return (
    <RequirePagePermission page={orgPage("Audit log")}>
      <AuditPage org={{ id: org.id, name: org.name }} permissions={org.permissions} />
    </RequirePagePermission>
  );
}
