import { Outlet } from "react-router";
import { OrgGate } from "@/features/organizations/components/org-gate";

// Everything under /o/:slug waits until the slug is known to be one of the user's organizations.
export function OrgLayout() {
  return (
    <OrgGate>
      <Outlet />
    </OrgGate>
  );
}
