import { useUser } from "@/features/auth/hooks/use-user";
import { MembersPage } from "@/features/members/components/members-page";
import { useCurrentOrg } from "@/features/organizations/hooks/use-current-org";

export function MembersRoute() {
  const org = useCurrentOrg();
  const user = useUser();
  return (
    <MembersPage
      org={{ id: org.id, name: org.name }}
      actor={{ userId: user.id, role: org.role, permissions: org.permissions }}
    />
  );
}
