import { useMutation, useQueryClient } from "@tanstack/react-query";
import { invokeEdgeFunction } from "@/lib/edge-functions";
import type { OrgRole } from "@/lib/roles";
import { memberKeys } from "./keys";

export type CreateInvitationsInput = {
  orgId: string;
  emails: string[];
  role: OrgRole;
  message: string;
};

export type InvitationResultStatus =
  "sent" | "failed" | "already_member" | "already_invited" | "duplicate";

export type InvitationResult = {
  email: string;
  status: InvitationResultStatus;
  invitation_id?: string;
  error?: string;
};

/** Invites up to 50 addresses through the `invitations` edge function, which sends the emails. */
export async function createInvitations({ orgId, emails, role, message }: CreateInvitationsInput) {
  const { results } = await invokeEdgeFunction<{ results: InvitationResult[] }>("invitations", {
    action: "create",
    org_id: orgId,
    emails,
    role,
    ...(message.trim() && { message: message.trim() }),
  });
  return results;
}

export function useCreateInvitations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitations,
    onSettled: (_data, _error, { orgId }) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.org(orgId) }),
  });
}
