import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { toast } from "sonner";
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
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorMessage } from "@/lib/errors";
import { type OrgRole, roleLabels, roleWithArticle } from "@/lib/roles";
import { useRoleMemberCount } from "../api/get-role-member-count";
import { useSetRolePermissions } from "../api/set-role-permissions";
import type { AreaChange } from "../utils/areas";
import { AccessLevelText } from "./permission-matrix";

type ReviewChangesDialogProps = {
  open: boolean;
  org: { id: string; name: string };
  role: OrgRole;
  changes: AreaChange[];
  draft: ReadonlySet<string>;
  onClose: () => void;
  onSaved: () => void;
};

/** Before saving: what changes for the role, and how many people it reaches right away. */
export function ReviewChangesDialog({ open, ...props }: ReviewChangesDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(next) => !next && props.onClose()}>
      <DialogContent>{open && <ReviewChanges {...props} />}</DialogContent>
    </Dialog>
  );
}

function AffectedMembers({ orgId, role }: { orgId: string; role: OrgRole }) {
  const count = useRoleMemberCount(orgId, role);
  const label = roleLabels[role];
  if (count.isPending) return <Skeleton className="h-5 w-64 max-w-full" />;
  if (count.isError) {
    return (
      <p className="text-sm text-muted-foreground">
        Couldn't count the members with this role: {getErrorMessage(count.error)}
      </p>
    );
  }
  return (
    <p className="text-sm font-medium">
      {count.data === 0
        ? `No active member is ${roleWithArticle(role)} right now; the change applies to whoever gets this role.`
        : `Affects ${count.data} active ${count.data === 1 ? "member" : "members"} with the ${label} role, on their next request.`}
    </p>
  );
}

function ReviewChanges({
  org,
  role,
  changes,
  draft,
  onClose,
  onSaved,
}: Omit<ReviewChangesDialogProps, "open">) {
  const save = useSetRolePermissions();

  return (
    <>
      <DialogHeader>
        <DialogTitle>Save {roleLabels[role]} permissions?</DialogTitle>
        <DialogDescription>
          The server enforces the new matrix at once, and the audit log records one change.
        </DialogDescription>
      </DialogHeader>
      {save.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(save.error)}</AlertDescription>
        </Alert>
      )}
      <ul aria-label="Changes" className="grid gap-3 text-sm">
        {changes.map((change) => (
          <li key={change.area.id} className="grid gap-1 rounded-md border p-3">
            <span className="flex flex-wrap items-center gap-2 font-medium">
              {change.area.label}: <AccessLevelText level={change.from} />
              <span aria-hidden>→</span>
              <span className="sr-only">to</span>
              <AccessLevelText level={change.to} />
            </span>
            {change.added.length > 0 && (
              <span className="text-muted-foreground">
                Gains: {change.added.map((permission) => permission.description).join(", ")}
              </span>
            )}
            {change.removed.length > 0 && (
              <span className="text-muted-foreground">
                Loses: {change.removed.map((permission) => permission.description).join(", ")}
              </span>
            )}
          </li>
        ))}
      </ul>
      <AffectedMembers orgId={org.id} role={role} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          Keep editing
        </Button>
        <Button
          disabled={save.isPending}
          onClick={() =>
            save.mutate(
              { orgId: org.id, role, permissions: [...draft].sort() },
              {
                onSuccess: () => {
                  toast.success(`${roleLabels[role]} permissions saved`);
                  onSaved();
                },
              },
            )
          }
        >
          {save.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Save changes
        </Button>
      </DialogFooter>
    </>
  );
}
