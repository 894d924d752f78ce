import { ShieldAlertIcon, ShieldCheckIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { getErrorMessage, isAccessRefusal } from "@/lib/errors";
import { useVerifyAuditChain } from "../api/verify-audit-chain";

type ChainBadgeProps = { orgId: string; onOpenEvent: (id: number) => void };

/** Whether the log's hash chain is intact, checked by the server (`verify_audit_chain`). */
export function ChainBadge({ orgId, onOpenEvent }: ChainBadgeProps) {
  const chain = useVerifyAuditChain(orgId);
  if (chain.isPending) {
    return (
      <Badge variant="secondary" role="status">
        Verifying integrity…
      </Badge>
    );
  }
  // Only a real chain break may look alarming. A refused check says nothing about the log (the
  // page is about to explain the lost access), and any other failure only that it wasn't checked.
  if (chain.isError) {
    if (isAccessRefusal(chain.error)) return null;
    return (
      <Badge variant="secondary" role="status">
        Integrity not checked: {getErrorMessage(chain.error)}
      </Badge>
    );
  }
  const { ok, checked, firstBrokenId } = chain.data;
  if (ok) {
    return (
      <Badge variant="success" role="status" title={`${checked} events checked`}>
        <ShieldCheckIcon aria-hidden />
        Integrity verified
        <span className="sr-only">({checked} events checked)</span>
      </Badge>
    );
  }
  return (
    <div role="status" className="flex flex-wrap items-center gap-2">
      <Badge variant="destructive">
        <ShieldAlertIcon aria-hidden />
        Chain broken at event #{firstBrokenId}
      </Badge>
      {firstBrokenId !== null && (
        <Button
          variant="link"
          size="sm"
          className="h-auto p-0"
          onClick={() => onOpenEvent(firstBrokenId)}
        >
          Show event #{firstBrokenId}
        </Button>
      )}
    </div>
  );
}
