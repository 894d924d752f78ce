import { CircleAlertIcon, CrownIcon, LoaderCircleIcon } from "lucide-react";
import { useId } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getErrorMessage } from "@/lib/errors";
import { formatTimeLeft } from "@/lib/format";
import { useAcceptOwnershipTransfer } from "../api/accept-ownership-transfer";
import { useDeclineOwnershipTransfer } from "../api/decline-ownership-transfer";
import { type PendingTransfer, usePendingTransfers } from "../api/get-pending-transfers";

function TransferOffer({ transfer }: { transfer: PendingTransfer }) {
  const titleId = useId();
  const accept = useAcceptOwnershipTransfer();
  const decline = useDeclineOwnershipTransfer();
  const busy = accept.isPending || decline.isPending;
  const error = accept.error ?? decline.error;
  const timeLeft = formatTimeLeft(transfer.expiresAt);

  return (
    <section
      aria-labelledby={titleId}
      className="grid gap-3 rounded-lg border border-amber-500/40 bg-amber-500/10 p-4 sm:flex sm:items-center sm:justify-between"
    >
      <div className="flex gap-3">
        <CrownIcon
          aria-hidden
          className="mt-0.5 size-5 shrink-0 text-amber-700 dark:text-amber-300"
        />
        <div className="grid gap-1 text-sm">
          <h2 id={titleId} className="font-semibold">
            You're invited to become the owner of {transfer.orgName}
          </h2>
          <p className="text-muted-foreground">
            If you accept, you become the owner and the current owner becomes an admin.
            {timeLeft && ` The request expires ${timeLeft}.`}
          </p>
          {error && (
            <Alert variant="destructive" className="mt-1">
              <CircleAlertIcon aria-hidden />
              <AlertDescription>{getErrorMessage(error)}</AlertDescription>
            </Alert>
          )}
        </div>
      </div>
      <div className="flex shrink-0 gap-2 pl-8 sm:pl-0">
        <Button
          variant="outline"
          size="sm"
          disabled={busy}
          onClick={() =>
            decline.mutate(transfer.id, {
              onSuccess: () => toast.success(`You declined ownership of ${transfer.orgName}`),
            })
          }
        >
          {decline.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Decline
        </Button>
        <Button
          size="sm"
          disabled={busy}
          onClick={() =>
            accept.mutate(transfer.id, {
              onSuccess: () => toast.success(`You're now the owner of ${transfer.orgName}`),
            })
          }
        >
          {accept.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Accept ownership
        </Button>
      </div>
    </section>
  );
}

/** Ownership offered to the signed-in user, in any organization, wherever they are in the app. */
export function PendingTransferBanner() {
  const transfers = usePendingTransfers();
  const offers = transfers.data?.filter((transfer) => transfer.isRecipient) ?? [];
  if (offers.length === 0) return null;
  return (
    <div className="mx-auto grid w-full max-w-6xl gap-2 px-4 pt-4 sm:px-6">
      {offers.map((transfer) => (
        <TransferOffer key={transfer.id} transfer={transfer} />
      ))}
    </div>
  );
}
