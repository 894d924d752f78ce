import { UsersRoundIcon } from "lucide-react";
import { cn } from "@/lib/utils";

type LogoProps = { className?: string; textClassName?: string };

export function Logo({ className, textClassName }: LogoProps) {
  return (
    <span className={cn("flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span
        aria-hidden
        className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground"
      >
        <UsersRoundIcon className="size-4" />
      </span>
      <span className={textClassName}>Roster</span>
    </span>
  );
}
