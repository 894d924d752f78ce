import { OrganizationsHome } from "@/features/organizations/components/organizations-home";

export function HomeRoute() {
  return <OrganizationsHome />;
}
