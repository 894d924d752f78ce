import { getErrorMessage } from "@/lib/errors";
import { roleLabels } from "@/lib/roles";
import { useMyOrganizations } from "./api/get-my-organizations";
import { useRolePermissions } from "./api/get-role-permissions";

export type PermissionCheck = {
  allowed: boolean;
  /** Why not, in words fit to show next to the refused action; null when allowed or loading. */
  reason: string | null;
  isLoading: boolean;
};

/**
 * May the signed-in user do `permission` in the organization, by their active membership's role
 * and the organization's live matrix? Both refetch on focus, every 30 s and after any refusal,
 * so the answer follows a role or matrix change. The database decides every request regardless:
 * this only keeps the screen from offering what it would refuse.
 */
export function usePermission(orgId: string | undefined, permission: string): PermissionCheck {
  const organizations = useMyOrganizations();
  const org = organizations.data?.find((candidate) => candidate.id === orgId);
  const permissions = useRolePermissions(org?.id, org?.role);

  const error = organizations.error ?? (org ? permissions.error : null);
  if (error) {
    return {
      allowed: false,
      reason: `Couldn't check your permissions: ${getErrorMessage(error)}`,
      isLoading: false,
    };
  }
  if (organizations.isPending || (org && permissions.isPending)) {
    return { allowed: false, reason: null, isLoading: true };
  }
  if (!org) {
    return {
      allowed: false,
      reason: "You're not an active member of this organization.",
      isLoading: false,
    };
  }
  if (permissions.data?.has(permission)) return { allowed: true, reason: null, isLoading: false };
  return {
    allowed: false,
    reason: `Your role in ${org.name}, ${roleLabels[org.role]}, doesn't include ${permission}.`,
    isLoading: false,
  };
}
