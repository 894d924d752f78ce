import type { LucideIcon } from "lucide-react";
import { LoaderCircleIcon } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { Availability } from "../utils/member-actions";

type RowActionButtonProps = {
  /** Shown in the tooltip. */
  label: string;
  /** What a screen reader announces, naming the person: "Suspend Priya Raman". */
  accessibleName: string;
  Icon: LucideIcon;
  availability: Availability;
  busy?: boolean;
  onClick: () => void;
};

/**
 * An icon button whose tooltip names the action, or says why it is unavailable. Unavailable
 * buttons stay focusable (aria-disabled, not disabled) so keyboard and screen-reader users
 * reach the reason too; it is also their accessible description.
 */
export function RowActionButton({
  label,
  accessibleName,
  Icon,
  availability,
  busy,
  onClick,
}: RowActionButtonProps) {
  const reasonId = useId();
  const reason = availability.allowed ? undefined : availability.reason;

  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="size-8 aria-disabled:cursor-not-allowed aria-disabled:opacity-40 aria-disabled:hover:bg-transparent"
          aria-label={accessibleName}
          aria-disabled={reason ? true : undefined}
          aria-describedby={reason ? reasonId : undefined}
          aria-busy={busy || undefined}
          onClick={reason || busy ? undefined : onClick}
        >
          {busy ? <LoaderCircleIcon aria-hidden className="animate-spin" /> : <Icon aria-hidden />}
        </Button>
      </TooltipTrigger>
      <TooltipContent>{reason ?? label}</TooltipContent>
      {reason && (
        <span id={reasonId} hidden>
          {reason}
        </span>
      )}
    </Tooltip>
  );
}
