import type { DefaultOptions } from "@tanstack/react-query";

// Errors that carry a server code (a PostgREST SQLSTATE or an Auth error code)
// are answers, not glitches: retrying would only repeat them.
function hasServerCode(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code !== ""
  );
}

export const queryConfig = {
  queries: {
    staleTime: 30_000,
    retry: (failureCount, error) => failureCount < 2 && !hasServerCode(error),
  },
} satisfies DefaultOptions;
