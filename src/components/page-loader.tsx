import { LoaderCircleIcon } from "lucide-react";

export function PageLoader() {
  return (
    <div role="status" className="flex min-h-svh items-center justify-center">
      <LoaderCircleIcon aria-hidden className="size-6 animate-spin text-muted-foreground" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
