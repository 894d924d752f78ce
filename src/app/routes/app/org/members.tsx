import { useUser } from "@/features/auth/hooks/use-user";
import { MembersPage } from "@/features/members/components/members-page";
import { RequirePagePermission } from "@/features/organizations/components/no-access";
import { useCurrentOrg } from "@/kit/current-org";
import { orgPage } from "@/lib/org-pages";

export function MembersRoute() {
  const org = useCurrentOrg();
  const user = useUser();
  return (
    <RequirePagePermission page={orgPage("Members")}>
      <MembersPage
        org={{ id: org.id, name: org.name }}
        actor={{ userId: user.id, role: org.role, permissions: org.permissions }}
      />
    </RequirePagePermission>
  );
}
