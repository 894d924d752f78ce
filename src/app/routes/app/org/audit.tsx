import { AuditPage } from "@/features/audit/components/audit-page";
import { useCurrentOrg } from "@/features/organizations/hooks/use-current-org";

export function AuditRoute() {
  const org = useCurrentOrg();
  return <AuditPage org={{ id: org.id, name: org.name }} permissions={org.permissions} />;
}
