import { LoaderCircleIcon } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { ErrorAlert } from "@/components/error-alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

type RowFormDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  /** The last refusal or failure, shown above the fields. */
  error: unknown;
  busy: boolean;
  canSubmit: boolean;
  onSubmit: () => void;
  /** Offered for an existing row: asks once more, saying what goes with it. */
  deletion?: { warning: string; onConfirm: () => void } | null;
  children: ReactNode;
};

/** Create or edit one row: its fields, the server's answer, Save, and Delete for an existing row. */
export function RowFormDialog({
  open,
  onOpenChange,
  title,
  description,
  error,
  busy,
  canSubmit,
  onSubmit,
  deletion,
  children,
}: RowFormDialogProps) {
  const [confirming, setConfirming] = useState(false);
  const close = () => {
    setConfirming(false);
    onOpenChange(false);
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirming) deletion?.onConfirm();
    else onSubmit();
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{confirming ? deletion?.warning : description}</DialogDescription>
        </DialogHeader>
        <form onSubmit={handleSubmit} className="grid gap-4">
          <ErrorAlert error={error} />
          {!confirming && children}
          <DialogFooter>
            {deletion && !confirming && (
              <Button
                type="button"
                variant="outline"
                className="sm:mr-auto"
                onClick={() => setConfirming(true)}
              >
                Delete
              </Button>
            )}
            <Button type="button" variant="outline" onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={confirming ? "destructive" : "default"}
              disabled={busy || (!confirming && !canSubmit)}
            >
              {busy && <LoaderCircleIcon aria-hidden className="animate-spin" />}
              {confirming ? "Delete for good" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
