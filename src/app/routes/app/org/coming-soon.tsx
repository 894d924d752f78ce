import { useCurrentOrg } from "@/features/organizations/hooks/use-current-org";

function ComingSoon({ title, what }: { title: string; what: string }) {
  const org = useCurrentOrg();
  return (
    <div className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-muted-foreground">
        Coming soon: {what} for {org.name}.
      </p>
    </div>
  );
}

export function RolesRoute() {
  return <ComingSoon title="Roles" what="the permission matrix and role preview" />;
}

export function AuditRoute() {
  return <ComingSoon title="Audit log" what="every change, searchable and exportable," />;
}

export function SettingsRoute() {
  return <ComingSoon title="Settings" what="team information, ownership transfer and deletion" />;
}
