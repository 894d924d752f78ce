import { OrgLanding } from "@/features/organizations/components/org-landing";

export function OrgLandingRoute() {
  return <OrgLanding />;
}
