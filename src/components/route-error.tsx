import { useRouteError } from "react-router";
import { buttonVariants } from "@/components/ui/button-variants";

// Shown when a route fails to render or its code fails to load (e.g. after a deploy), so it is
// part of the first download: a plain <button> with Button's classes (see button-variants.ts).
export function RouteError() {
  const error = useRouteError();
  return (
    <main className="flex min-h-svh items-center justify-center p-6">
      <div className="grid max-w-md justify-items-center gap-4 text-center">
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="text-sm text-muted-foreground">
          This page could not be shown. Reloading usually fixes it; if it doesn't, try again in a
          few minutes.
        </p>
        {import.meta.env.DEV && error instanceof Error && (
          <pre className="max-w-full overflow-auto rounded-md bg-muted p-3 text-left text-xs">
            {error.message}
          </pre>
        )}
        <button
          type="button"
          data-slot="button"
          className={buttonVariants()}
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
      </div>
    </main>
  );
}
