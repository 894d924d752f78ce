import { useMutation, useQueryClient } from "@tanstack/react-query";
import { invokeEdgeFunction } from "@/lib/edge-functions";
import { memberKeys } from "./keys";

export type ResendInvitationInput = { orgId: string; invitationId: string };

export type ResendInvitationResult = {
  invitation_id: string;
  email: string;
  status: "sent" | "failed";
  error?: string;
};

/** Sends the invitation again through the `invitations` edge function, with a fresh link. */
export async function resendInvitation({ invitationId }: ResendInvitationInput) {
  const { result } = await invokeEdgeFunction<{ result: ResendInvitationResult }>("invitations", {
    action: "resend",
    invitation_id: invitationId,
  });
  return result;
}

export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendInvitation,
    onSettled: (_data, _error, { orgId }) =>
      queryClient.invalidateQueries({ queryKey: memberKeys.org(orgId) }),
  });
}
