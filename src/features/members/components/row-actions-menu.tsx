import {
  BanIcon,
  ChevronDownIcon,
  LoaderCircleIcon,
  type LucideIcon,
  SendIcon,
  ShieldIcon,
  UserMinusIcon,
  UserPlusIcon,
  UserRoundCheckIcon,
  UserRoundXIcon,
} from "lucide-react";
import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import {
  type Actor,
  type ActionSubject,
  actionAvailability,
  type RowAction,
} from "../utils/member-actions";

const actionItems: Record<RowAction, { label: string; Icon: LucideIcon; destructive?: boolean }> = {
  "change-role": { label: "Change role", Icon: ShieldIcon },
  suspend: { label: "Suspend", Icon: UserRoundXIcon, destructive: true },
  reactivate: { label: "Reactivate", Icon: UserRoundCheckIcon },
  remove: { label: "Remove", Icon: UserMinusIcon, destructive: true },
  resend: { label: "Resend invitation", Icon: SendIcon },
  revoke: { label: "Revoke invitation", Icon: BanIcon, destructive: true },
  "invite-again": { label: "Invite again", Icon: UserPlusIcon },
};

/** Called with the menu's button, so whatever the action opens can give focus back to it. */
export type RowActionHandler = (
  action: RowAction,
  subject: ActionSubject,
  opener: HTMLElement | null,
) => void;

type RowActionsMenuProps = {
  subject: ActionSubject;
  actions: RowAction[];
  actor: Actor;
  /** An action of this row is running (a resend): the button shows progress. */
  busy?: boolean;
  onAction: RowActionHandler;
};

/**
 * A labelled "Actions" menu for one row. Unavailable actions stay in the menu and focusable
 * (aria-disabled, not disabled) with their reason written under them and announced as their
 * description, so everybody learns why.
 */
export function RowActionsMenu({ subject, actions, actor, busy, onAction }: RowActionsMenuProps) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  if (actions.length === 0) return null;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          ref={triggerRef}
          variant="outline"
          size="sm"
          aria-label={`Actions for ${subject.name}`}
          aria-busy={busy || undefined}
          data-row-actions={subject.key}
        >
          {busy && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Actions
          <ChevronDownIcon aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        {actions.map((action) => {
          const { label, Icon, destructive } = actionItems[action];
          const availability = actionAvailability(actor, subject, action);
          const reason = availability.allowed ? undefined : availability.reason;
          const labelId = `${id}-${action}`;
          const reasonId = `${labelId}-reason`;
          return (
            <DropdownMenuItem
              key={action}
              variant={destructive && !reason ? "destructive" : "default"}
              aria-disabled={reason ? true : undefined}
              // Named by the label alone; the reason is the description.
              aria-labelledby={labelId}
              aria-describedby={reason ? reasonId : undefined}
              className="items-start aria-disabled:cursor-not-allowed"
              onSelect={(event) => {
                if (reason) event.preventDefault();
                else onAction(action, subject, triggerRef.current);
              }}
            >
              <Icon aria-hidden className={reason ? "mt-0.5 opacity-50" : "mt-0.5"} />
              <span className="grid gap-0.5">
                <span id={labelId} className={reason ? "text-muted-foreground" : undefined}>
                  {label}
                </span>
                {reason && (
                  <span id={reasonId} className="text-xs text-muted-foreground">
                    {reason}
                  </span>
                )}
              </span>
            </DropdownMenuItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
