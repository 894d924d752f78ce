import { getInitials } from "@/lib/format";
import { cn } from "@/lib/utils";

/** Initials in a circle; decorative, since the name is always written next to it. */
export function MemberAvatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "flex size-9 shrink-0 items-center justify-center rounded-full bg-primary/12 text-xs font-semibold text-primary",
        className,
      )}
    >
      {getInitials(name)}
    </span>
  );
}
