import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { toast } from "sonner";
import { ConfirmNameField, confirmationMatches } from "@/components/confirm-name-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { getErrorMessage } from "@/lib/errors";
import { roleLabels } from "@/lib/roles";
import type { TransferCandidate } from "../api/get-transfer-candidates";
import { useRequestOwnershipTransfer } from "../api/request-ownership-transfer";

type TransferOwnershipDialogProps = {
  org: { id: string; name: string };
  candidates: TransferCandidate[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

export function TransferOwnershipDialog({
  org,
  candidates,
  open,
  onOpenChange,
}: TransferOwnershipDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Transfer ownership of {org.name}</DialogTitle>
          <DialogDescription>
            The person you choose becomes the owner once they accept, and you become an admin. They
            have 48 hours to accept; until then you can cancel the request.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from an empty form. */}
        {open && (
          <TransferOwnershipForm
            org={org}
            candidates={candidates}
            onDone={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function TransferOwnershipForm({
  org,
  candidates,
  onDone,
}: {
  org: { id: string; name: string };
  candidates: TransferCandidate[];
  onDone: () => void;
}) {
  const id = useId();
  const request = useRequestOwnershipTransfer();
  const [toUserId, setToUserId] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const target = candidates.find((candidate) => candidate.userId === toUserId);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target) return;
    request.mutate(
      { orgId: org.id, toUserId: target.userId, confirmName },
      {
        onSuccess: () => {
          toast.success(`Ownership offered to ${target.name}. They have 48 hours to accept.`);
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      {request.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(request.error)}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-to`}>New owner</Label>
        <NativeSelect
          id={`${id}-to`}
          value={toUserId}
          onChange={(event) => setToUserId(event.target.value)}
          required
        >
          <option value="" disabled>
            Choose an active member
          </option>
          {candidates.map((candidate) => (
            <option key={candidate.userId} value={candidate.userId}>
              {candidate.name} ({candidate.email}) · {roleLabels[candidate.role]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <ConfirmNameField expected={org.name} value={confirmName} onChange={setConfirmName} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button
          type="submit"
          disabled={request.isPending || !target || !confirmationMatches(org.name, confirmName)}
        >
          {request.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Request transfer
        </Button>
      </DialogFooter>
    </form>
  );
}
