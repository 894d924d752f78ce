import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { supabase } from "@/lib/supabase";

/** Records that the user is active in the organization (the server writes at most once a minute). */
export async function touchMembership(orgId: string) {
  const { data, error } = await supabase.rpc("touch_membership", { p_org_id: orgId });
  if (error) throw error;
  return data;
}

export function useTouchMembership() {
  return useMutation({ mutationFn: touchMembership });
}

const heartbeatMs = 2 * 60_000;

/**
 * Keeps "last active" current while the user has the organization open: on arrival, then
 * every two minutes while the tab is visible. A failed beat is not worth telling anyone about.
 */
export function useMembershipHeartbeat(orgId: string) {
  const { mutate } = useTouchMembership();
  useEffect(() => {
    const beat = () => {
      if (document.visibilityState === "visible") mutate(orgId);
    };
    beat();
    const timer = window.setInterval(beat, heartbeatMs);
    return () => window.clearInterval(timer);
  }, [orgId, mutate]);
}
