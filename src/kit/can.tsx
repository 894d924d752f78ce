import type { ComponentProps, ReactNode } from "react";
import { DisabledWithReason } from "@/components/disabled-with-reason";
import { useCurrentOrg } from "./current-org";
import { usePermission } from "./use-permission";

type CanProps = { permission: string } & (
  | {
      /** Hidden when not allowed (the default): `fallback` shows instead, if given. */
      mode?: "hide";
      fallback?: ReactNode;
      children: ReactNode;
    }
  | {
      /** Shown but inert when not allowed, with the reason on hover and focus. */
      mode: "disable";
      children: ComponentProps<typeof DisabledWithReason>["children"];
    }
);

const checkingReason = "Checking what your role may do…";

/**
 * Renders `children` only when the signed-in user's role in the current organization holds
 * `permission` (in the live matrix); otherwise `fallback`, or with `mode="disable"` the same
 * action disabled with its reason. While the matrix loads, neither shows (a disabled action waits).
 */
export function Can(props: CanProps) {
  const org = useCurrentOrg();
  const check = usePermission(org.id, props.permission);
  if (props.mode === "disable") {
    return (
      <DisabledWithReason reason={check.allowed ? null : (check.reason ?? checkingReason)}>
        {props.children}
      </DisabledWithReason>
    );
  }
  if (check.allowed) return props.children;
  return check.isLoading ? null : (props.fallback ?? null);
}
