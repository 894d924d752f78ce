import { useMutation, useQueryClient } from "@tanstack/react-query";
import { supabase } from "@/lib/supabase";

/** Joins the organization; returns its id and slug, to land there. */
export async function acceptInvitation(token: string) {
  const { data, error } = await supabase.rpc("accept_invitation", { p_token: token });
  if (error) throw error;
  // A one-row table result: PostgREST answers with an array.
  const row: unknown = Array.isArray(data) ? data[0] : data;
  const orgId =
    typeof row === "object" && row !== null && "org_id" in row ? String(row.org_id) : "";
  const membership = await supabase
    .from("my_memberships")
    .select("org_slug")
    .eq("org_id", orgId)
    .single();
  if (membership.error) throw membership.error;
  return { orgId, slug: membership.data.org_slug ?? "" };
}

// The person now belongs to one more organization: everything cached about them is out of date,
// so it is all refetched (cached but unused queries too) before they land in the organization.
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () => queryClient.invalidateQueries({ refetchType: "all" }),
  });
}
