import { queryOptions, useQuery } from "@tanstack/react-query";
import { invokeEdgeFunction } from "@/lib/edge-functions";
import { isOrgRole, type OrgRole } from "@/lib/roles";
import { invitationKeys } from "./keys";

export type InvitationStatus = "pending" | "expired" | "revoked" | "used" | "declined" | "unknown";

/** What the public `invitation-preview` function tells anyone holding the link. */
export type InvitationPreview =
  | { status: "unknown" }
  | {
      status: Exclude<InvitationStatus, "unknown">;
      organization: string;
      inviter: string | null;
      role: OrgRole;
      /** Masked: "s***@tehrandental.co". */
      email: string;
      expiresAt: string;
    };

type PreviewBody = {
  status?: unknown;
  organization?: unknown;
  inviter?: unknown;
  role?: unknown;
  email?: unknown;
  expires_at?: unknown;
};

const knownStatuses = new Set(["pending", "expired", "revoked", "used", "declined"]);

/** Looks the token up without signing in; anything the page can't use reads as unknown. */
export async function getInvitationPreview(token: string): Promise<InvitationPreview> {
  const body = await invokeEdgeFunction<PreviewBody>("invitation-preview", { token });
  const { status, organization, inviter, role, email, expires_at } = body;
  if (
    typeof status !== "string" ||
    !knownStatuses.has(status) ||
    typeof organization !== "string" ||
    !isOrgRole(role) ||
    typeof email !== "string" ||
    typeof expires_at !== "string"
  ) {
    return { status: "unknown" };
  }
  return {
    status: status as Exclude<InvitationStatus, "unknown">,
    organization,
    inviter: typeof inviter === "string" && inviter ? inviter : null,
    role,
    email,
    expiresAt: expires_at,
  };
}

export function getInvitationPreviewQueryOptions(token: string) {
  return queryOptions({
    queryKey: invitationKeys.preview(token),
    queryFn: () => getInvitationPreview(token),
    // Lookups are rate limited per address: don't repeat one just because the tab regained focus.
    refetchOnWindowFocus: false,
  });
}

export function useInvitationPreview(token: string) {
  return useQuery(getInvitationPreviewQueryOptions(token));
}
