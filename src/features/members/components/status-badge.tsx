import { Badge } from "@/components/ui/badge";
import type { MemberStatus } from "../utils/member-filters";

const badges = {
  active: { label: "Active", variant: "success" },
  invited: { label: "Invited", variant: "default" },
  suspended: { label: "Suspended", variant: "warning" },
  removed: { label: "Removed", variant: "secondary" },
} as const satisfies Record<MemberStatus, { label: string; variant: string }>;

export function StatusBadge({ status }: { status: MemberStatus }) {
  const { label, variant } = badges[status];
  return <Badge variant={variant}>{label}</Badge>;
}
