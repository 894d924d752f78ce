import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
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
} from "@/lib/roles";
import {
  type InvitationResult,
  type InvitationResultStatus,
  useCreateInvitations,
} from "../api/create-invitations";
import { isValidEmail, mergeEmails, splitEmails } from "../utils/parse-emails";
import { EmailChipsInput } from "./email-chips-input";

const maxEmails = 50;
const maxMessageLength = 1000;

/** Who to invite again: their address, and the role they had if the actor may give it. */
export type InviteAgain = { email: string; role: OrgRole };

type InviteDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  org: { id: string; name: string };
  actorRole: OrgRole;
  again?: InviteAgain | null;
  onCloseAutoFocus?: (event: Event) => void;
};

export function InviteDialog({
  open,
  onOpenChange,
  org,
  actorRole,
  again,
  onCloseAutoFocus,
}: InviteDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl" onCloseAutoFocus={onCloseAutoFocus}>
        {/* Mounted only while open: results stay until the dialog is dismissed. */}
        {open && (
          <InviteForm
            org={org}
            actorRole={actorRole}
            again={again}
            onDone={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

const resultCopy: Record<
  InvitationResultStatus,
  { label: string; variant: "success" | "destructive" | "secondary" }
> = {
  sent: { label: "Invitation sent", variant: "success" },
  failed: { label: "Failed to send", variant: "destructive" },
  already_member: { label: "Already a member", variant: "secondary" },
  already_invited: { label: "Already invited", variant: "secondary" },
  duplicate: { label: "Listed twice", variant: "secondary" },
};

function defaultRole(roles: OrgRole[]): OrgRole {
  return roles.includes("member") ? "member" : (roles[0] ?? "viewer");
}

function InviteForm({
  org,
  actorRole,
  again,
  onDone,
}: Pick<InviteDialogProps, "org" | "actorRole" | "again"> & { onDone: () => void }) {
  const id = useId();
  const roles = assignableRoles(actorRole);
  const [emails, setEmails] = useState<string[]>(again ? [again.email] : []);
  const [draft, setDraft] = useState("");
  const [role, setRole] = useState<OrgRole>(
    again && roles.includes(again.role) ? again.role : defaultRole(roles),
  );
  const [message, setMessage] = useState("");
  const invite = useCreateInvitations();

  const all = mergeEmails(emails, splitEmails(draft));
  const invalid = all.filter((email) => !isValidEmail(email));
  const valid = all.length - invalid.length;
  const tooMany = all.length > maxEmails;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setEmails(all);
    setDraft("");
    invite.mutate(
      { orgId: org.id, emails: all, role, message },
      {
        onSuccess: (results) => {
          const sent = results.filter((result) => result.status === "sent").length;
          if (sent > 0)
            toast.success(sent === 1 ? "1 invitation sent" : `${sent} invitations sent`);
        },
      },
    );
  }

  if (invite.isSuccess) {
    return (
      <InviteResults
        results={invite.data}
        onInviteMore={() => {
          invite.reset();
          setEmails([]);
        }}
        onDone={onDone}
      />
    );
  }

  let emailHelp = `Separate addresses with commas, spaces or new lines. Up to ${maxEmails} at a time.`;
  if (invalid.length > 0) {
    emailHelp =
      invalid.length === 1
        ? `“${invalid[0]}” is not a valid email address. Fix or remove it.`
        : `${invalid.length} addresses are not valid. Fix or remove them.`;
  } else if (tooMany) {
    emailHelp = `That's ${all.length} addresses; invite at most ${maxEmails} at a time.`;
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Invite people to {org.name}</DialogTitle>
        <DialogDescription>
          Each address gets an email with a link to join. Links expire after the organization's
          invitation lifetime.
        </DialogDescription>
      </DialogHeader>
      {invite.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(invite.error)}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-emails`}>Email addresses</Label>
        <EmailChipsInput
          id={`${id}-emails`}
          emails={emails}
          onChange={setEmails}
          draft={draft}
          onDraftChange={setDraft}
          describedBy={`${id}-emails-help`}
        />
        <p
          id={`${id}-emails-help`}
          aria-live="polite"
          className={
            invalid.length > 0 || tooMany
              ? "text-sm text-destructive"
              : "text-sm text-muted-foreground"
          }
        >
          {emailHelp}
        </p>
      </div>
      <fieldset className="grid gap-3">
        <legend className="mb-3 text-sm font-medium">Role</legend>
        <RadioGroup value={role} onValueChange={(value) => isOrgRole(value) && setRole(value)}>
          {roles.map((option) => (
            <div key={option} className="flex items-start gap-3">
              <RadioGroupItem
                id={`${id}-role-${option}`}
                value={option}
                aria-describedby={`${id}-role-${option}-help`}
                className="mt-0.5"
              />
              <div className="grid gap-1">
                <Label htmlFor={`${id}-role-${option}`}>{roleLabels[option]}</Label>
                <p id={`${id}-role-${option}-help`} className="text-sm text-muted-foreground">
                  {roleDescriptions[option]}
                </p>
              </div>
            </div>
          ))}
        </RadioGroup>
      </fieldset>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-message`}>
          Message <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Textarea
          id={`${id}-message`}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          maxLength={maxMessageLength}
          placeholder="Added to the invitation email"
        />
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button
          type="submit"
          disabled={all.length === 0 || invalid.length > 0 || tooMany || invite.isPending}
        >
          {invite.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          {/* Counts what would be sent: invalid addresses are refused, not sent. */}
          {valid > 1 ? `Send ${valid} invitations` : "Send invitation"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function InviteResults({
  results,
  onInviteMore,
  onDone,
}: {
  results: InvitationResult[];
  onInviteMore: () => void;
  onDone: () => void;
}) {
  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Invitation results</DialogTitle>
        <DialogDescription>What happened for each address.</DialogDescription>
      </DialogHeader>
      <ul aria-label="Results by address" className="grid gap-2">
        {results.map((result) => (
          <li
            key={result.email}
            className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm"
          >
            <span className="min-w-0 truncate font-medium">{result.email}</span>
            <Badge variant={resultCopy[result.status].variant}>
              {resultCopy[result.status].label}
            </Badge>
            {result.status === "failed" && result.error && (
              <span className="w-full text-muted-foreground">{result.error}</span>
            )}
          </li>
        ))}
      </ul>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onInviteMore}>
          Invite more people
        </Button>
        <Button type="button" onClick={onDone} autoFocus>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}
