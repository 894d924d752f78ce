import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
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
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { getErrorMessage } from "@/lib/errors";
import {
  assignableRoles,
  isOrgRole,
  type OrgRole,
  roleDescriptions,
  roleLabels,
  roleWithArticle,
} from "@/lib/roles";
import { useChangeMemberRole } from "../api/change-member-role";
import { useReactivateMember } from "../api/reactivate-member";
import { useRemoveMember } from "../api/remove-member";
import { useSuspendMember } from "../api/suspend-member";
import type { ActionSubject, MemberAction } from "../utils/member-actions";

export type MemberActionTarget = { action: MemberAction; row: ActionSubject };

type MemberActionFormProps = {
  target: MemberActionTarget;
  org: { id: string; name: string };
  actorRole: OrgRole;
  onClose: () => void;
};

type MemberActionDialogProps = Omit<MemberActionFormProps, "target"> & {
  target: MemberActionTarget | null;
  /** Puts focus back where the dialog was opened from. */
  onCloseAutoFocus: (event: Event) => void;
};

const maxReasonLength = 500;

/** Change role, suspend, reactivate or remove one member; each needs a reason for the audit log. */
export function MemberActionDialog({
  target,
  org,
  actorRole,
  onClose,
  onCloseAutoFocus,
}: MemberActionDialogProps) {
  return (
    <Dialog open={target !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {target && (
          <MemberActionForm
            key={`${target.action}:${target.row.key}`}
            target={target}
            org={org}
            actorRole={actorRole}
            onClose={onClose}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function copyFor({ action, row }: MemberActionTarget, orgName: string) {
  switch (action) {
    case "change-role":
      return {
        title: `Change the role of ${row.name}`,
        description: `They are currently ${roleWithArticle(row.role)}. The change applies on their next request.`,
        submit: "Change role",
        destructive: false,
      };
    case "suspend":
      return {
        title: `Suspend ${row.name}?`,
        description: `They lose access to ${orgName} until someone reactivates them. Nothing they made is deleted.`,
        submit: "Suspend",
        destructive: true,
      };
    case "reactivate":
      return {
        title: `Reactivate ${row.name}?`,
        description: `They get their ${roleLabels[row.role]} access to ${orgName} back.`,
        submit: "Reactivate",
        destructive: false,
      };
    case "remove":
      return {
        title: `Remove ${row.name} from ${orgName}?`,
        description:
          "They lose access immediately. Their history stays in the audit log, and you can invite them again later.",
        submit: "Remove member",
        destructive: true,
      };
  }
}

function MemberActionForm({ target, org, actorRole, onClose }: MemberActionFormProps) {
  const { action, row } = target;
  const id = useId();
  const [reason, setReason] = useState("");
  const [role, setRole] = useState<OrgRole | null>(null);
  const changeRole = useChangeMemberRole();
  const suspend = useSuspendMember();
  const reactivate = useReactivateMember();
  const remove = useRemoveMember();
  const mutation = { "change-role": changeRole, suspend, reactivate, remove }[action];
  const copy = copyFor(target, org.name);
  const userId = row.userId ?? "";
  const roles = assignableRoles(actorRole);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { orgId: org.id, userId, reason: reason.trim() };
    const done = (message: string) => () => {
      toast.success(message);
      onClose();
    };
    switch (action) {
      case "change-role":
        if (role) {
          changeRole.mutate(
            { ...input, role },
            { onSuccess: done(`${row.name} is now ${roleWithArticle(role)}`) },
          );
        }
        return;
      case "suspend":
        suspend.mutate(input, { onSuccess: done(`${row.name} is suspended`) });
        return;
      case "reactivate":
        reactivate.mutate(input, { onSuccess: done(`${row.name} is active again`) });
        return;
      case "remove":
        remove.mutate(input, { onSuccess: done(`${row.name} was removed from ${org.name}`) });
        return;
    }
  }

  const ready = reason.trim() !== "" && (action !== "change-role" || role !== null);

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{copy.title}</DialogTitle>
        <DialogDescription>{copy.description}</DialogDescription>
      </DialogHeader>
      {mutation.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(mutation.error)}</AlertDescription>
        </Alert>
      )}
      {action === "change-role" && (
        <fieldset className="grid gap-3">
          <legend className="mb-3 text-sm font-medium">New role</legend>
          <RadioGroup
            value={role ?? ""}
            onValueChange={(value) => setRole(isOrgRole(value) ? value : null)}
          >
            {roles.map((option) => (
              <div key={option} className="flex items-start gap-3">
                <RadioGroupItem
                  id={`${id}-role-${option}`}
                  value={option}
                  disabled={option === row.role}
                  aria-describedby={`${id}-role-${option}-help`}
                  className="mt-0.5"
                />
                <div className="grid gap-1">
                  <Label htmlFor={`${id}-role-${option}`}>
                    {roleLabels[option]}
                    {option === row.role && (
                      <span className="font-normal text-muted-foreground">(current)</span>
                    )}
                  </Label>
                  <p id={`${id}-role-${option}-help`} className="text-sm text-muted-foreground">
                    {roleDescriptions[option]}
                  </p>
                </div>
              </div>
            ))}
          </RadioGroup>
        </fieldset>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <Textarea
          id={`${id}-reason`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={maxReasonLength}
          required
          autoFocus
          aria-describedby={`${id}-reason-help`}
        />
        <p id={`${id}-reason-help`} className="text-sm text-muted-foreground">
          Required. Recorded in the audit log with your name.
        </p>
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant={copy.destructive ? "destructive" : "default"}
          disabled={!ready || mutation.isPending}
        >
          {mutation.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          {copy.submit}
        </Button>
      </DialogFooter>
    </form>
  );
}
