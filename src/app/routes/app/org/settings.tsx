import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { paths } from "@/config/paths";
import { organizationKeys } from "@/features/organizations/api/keys";
import { useCurrentOrg } from "@/kit/current-org";
import { OwnershipTransferCard } from "@/features/ownership/components/ownership-transfer-card";
import { DeleteOrganizationCard } from "@/features/settings/components/delete-organization-card";
import { LeaveOrganizationCard } from "@/features/settings/components/leave-organization-card";
import { TeamInformationCard } from "@/features/settings/components/team-information-card";

/** /o/:slug/settings — team information for everyone; ownership, leave and delete by role. */
export function SettingsRoute() {
  const org = useCurrentOrg();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const isOwner = org.role === "owner";

  // The organization is no longer the user's. Drop the cached list first, so home waits for a
  // fresh one (which may hold a new personal organization) instead of sending them back here.
  function leaveForHome() {
    queryClient.removeQueries({ queryKey: organizationKeys.all });
    void navigate(paths.home.getHref(), { replace: true });
  }

  return (
    <div className="grid max-w-3xl gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">
          {org.name}: team information, ownership, leaving and deleting.
        </p>
      </div>
      <TeamInformationCard
        org={org}
        canRead={org.permissions.has("settings.read")}
        canEdit={org.permissions.has("settings.write")}
      />
      {isOwner && <OwnershipTransferCard org={org} />}
      <LeaveOrganizationCard org={org} isOwner={isOwner} onLeft={leaveForHome} />
      {isOwner && <DeleteOrganizationCard org={org} onDeleted={leaveForHome} />}
    </div>
  );
}
