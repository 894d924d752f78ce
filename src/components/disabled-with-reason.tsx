import { cloneElement, type MouseEvent, type ReactElement } from "react";
import { Tooltip, TooltipContent, TooltipProvider, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

type Action = ReactElement<{
  className?: string;
  onClick?: (event: MouseEvent<HTMLElement>) => void;
}>;

/**
 * An action the user may not take: with a `reason`, it stays shown and focusable (aria-disabled,
 * not disabled, so keyboards reach it) but does nothing, and the reason shows in a tooltip on
 * hover and focus, announced as its description. Without one, the action as given.
 */
export function DisabledWithReason({
  reason,
  children,
}: {
  reason: string | null | undefined;
  children: Action;
}) {
  if (!reason) return children;
  return (
    <TooltipProvider>
      <Tooltip>
        <TooltipTrigger asChild>
          {cloneElement(children, {
            "aria-disabled": true,
            // Also keeps a submit button from submitting and a link from navigating.
            onClick: (event: MouseEvent<HTMLElement>) => event.preventDefault(),
            className: cn(children.props.className, "cursor-not-allowed opacity-50"),
          } as Partial<Action["props"]>)}
        </TooltipTrigger>
        <TooltipContent>{reason}</TooltipContent>
      </Tooltip>
    </TooltipProvider>
  );
}
