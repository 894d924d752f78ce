import { CircleAlertIcon, ClockIcon, LoaderCircleIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorMessage } from "@/lib/errors";
import { formatTimeAgo, formatTimeLeft } from "@/lib/format";
import { useCancelOwnershipTransfer } from "../api/cancel-ownership-transfer";
import { type PendingTransfer, usePendingTransfers } from "../api/get-pending-transfers";
import { type TransferCandidate, useTransferCandidates } from "../api/get-transfer-candidates";
import { TransferOwnershipDialog } from "./transfer-ownership-dialog";

type OwnershipTransferCardProps = { org: { id: string; name: string } };

function PendingRequest({
  transfer,
  candidates,
}: {
  transfer: PendingTransfer;
  candidates: TransferCandidate[];
}) {
  const cancel = useCancelOwnershipTransfer();
  const target = candidates.find((candidate) => candidate.userId === transfer.toUserId);
  const name = target?.name ?? "the member you chose";
  const timeLeft = formatTimeLeft(transfer.expiresAt);

  return (
    <div className="grid gap-3">
      <Alert role="status">
        <ClockIcon aria-hidden />
        <AlertTitle>Waiting for {name} to accept</AlertTitle>
        <AlertDescription>
          <p>
            Requested {formatTimeAgo(transfer.requestedAt)}
            {timeLeft ? `; expires ${timeLeft}` : ""}. Until they accept, you stay the owner.
          </p>
        </AlertDescription>
      </Alert>
      {cancel.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(cancel.error)}</AlertDescription>
        </Alert>
      )}
      <Button
        variant="outline"
        className="justify-self-start"
        disabled={cancel.isPending}
        onClick={() =>
          cancel.mutate(transfer.id, {
            onSuccess: () => toast.success(`Ownership transfer to ${name} cancelled`),
          })
        }
      >
        {cancel.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        Cancel request
      </Button>
    </div>
  );
}

/** Settings → Ownership, for the owner: offer ownership to a member, or follow the open offer. */
export function OwnershipTransferCard({ org }: OwnershipTransferCardProps) {
  const transfers = usePendingTransfers();
  const candidates = useTransferCandidates(org.id);
  const [open, setOpen] = useState(false);
  const pending = transfers.data?.find(
    (transfer) => transfer.orgId === org.id && !transfer.isRecipient,
  );

  let body;
  if (transfers.isPending || candidates.isPending) {
    body = (
      <div role="status" className="grid gap-2">
        <span className="sr-only">Loading ownership…</span>
        <Skeleton className="h-9 w-44" />
      </div>
    );
  } else if (transfers.isError || candidates.isError) {
    body = (
      <Alert variant="destructive">
        <CircleAlertIcon aria-hidden />
        <AlertDescription>
          <p>{getErrorMessage(transfers.error ?? candidates.error)}</p>
          <Button
            variant="outline"
            size="sm"
            onClick={() => {
              void transfers.refetch();
              void candidates.refetch();
            }}
          >
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  } else if (pending) {
    body = <PendingRequest transfer={pending} candidates={candidates.data} />;
  } else if (candidates.data.length === 0) {
    body = (
      <p className="text-sm text-muted-foreground">
        There is no other active member to hand {org.name} over to. Invite someone first.
      </p>
    );
  } else {
    body = (
      <>
        <Button variant="outline" className="justify-self-start" onClick={() => setOpen(true)}>
          Transfer ownership
        </Button>
        <TransferOwnershipDialog
          org={org}
          candidates={candidates.data}
          open={open}
          onOpenChange={setOpen}
        />
      </>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Ownership</h2>
        </CardTitle>
        <CardDescription>
          Hand {org.name} over to another active member. They become the owner when they accept, and
          you become an admin.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">{body}</CardContent>
    </Card>
  );
}
