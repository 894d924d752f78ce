import { ShieldAlertIcon, ShieldCheckIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { getErrorMessage, isAccessRefusal } from "@/lib/errors";
import { formatDateTime, formatTimeAgo } from "@/lib/format";
import { useStartAuditFullCheck } from "../api/start-audit-full-check";
import { type ChainStatus, useVerifyAuditChain } from "../api/verify-audit-chain";

type ChainBadgeProps = { orgId: string; onOpenEvent: (id: number) => void };

const countFormat = new Intl.NumberFormat("en");

/**
 * Whether the log's hash chain is intact (`verify_audit_chain`): verified through which event,
 * or where it breaks; and the full re-verification that also checks what came before the last
 * checkpoint, with its progress and a way to start it.
 */
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
  const { ok, firstBrokenId, verifiedThroughId, verifiedThroughAt } = chain.data;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {ok ? (
        <div role="status" className="flex flex-wrap items-center gap-2">
          <Badge variant="success">
            <ShieldCheckIcon aria-hidden />
            Integrity verified
          </Badge>
          {verifiedThroughId !== null && verifiedThroughAt && (
            <span className="text-sm text-muted-foreground">
              Verified through event #{verifiedThroughId} at {formatDateTime(verifiedThroughAt)}
            </span>
          )}
        </div>
      ) : (
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
      )}
      <FullCheck orgId={orgId} fullCheck={chain.data.fullCheck} />
    </div>
  );
}

function FullCheck({ orgId, fullCheck }: { orgId: string; fullCheck: ChainStatus["fullCheck"] }) {
  const start = useStartAuditFullCheck();
  if (fullCheck.state === "running") {
    return (
      <div role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
        <progress
          aria-label="Full verification"
          className="h-1.5 w-24 accent-primary"
          value={fullCheck.done}
          max={Math.max(fullCheck.total, 1)}
        />
        Full verification: {countFormat.format(fullCheck.done)} of{" "}
        {countFormat.format(fullCheck.total)} events
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
      {fullCheck.state === "done" && fullCheck.finishedAt && (
        <span>Full verification passed {formatTimeAgo(fullCheck.finishedAt)}</span>
      )}
      <Button
        variant="link"
        size="sm"
        className="h-auto p-0"
        disabled={start.isPending}
        onClick={() => start.mutate(orgId)}
      >
        Verify the whole log
      </Button>
      {start.isError && <span role="alert">{getErrorMessage(start.error)}</span>}
    </div>
  );
}
