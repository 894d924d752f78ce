import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useEffect, useLayoutEffect, useState } from "react";
import { subscribeToAuthChanges } from "@/features/auth/api/get-session";
import { organizationKeys } from "@/features/organizations/api/keys";
import { isAccessRefusal } from "@/lib/errors";
import { queryConfig } from "@/lib/react-query";
import { usePreferences } from "@/stores/preferences";

// Toasts only follow an action, so their code loads after the first screen; sonner replays a
// toast raised before its Toaster mounts.
const Toaster = lazy(async () => ({ default: (await import("@/components/ui/sonner")).Toaster }));

// Puts .dark on <html> for the chosen theme; "system" follows the OS, live.
function useThemeClass() {
  const theme = usePreferences((state) => state.theme);
  useLayoutEffect(() => {
    const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
    const apply = () =>
      document.documentElement.classList.toggle(
        "dark",
        theme === "dark" || (theme === "system" && prefersDark.matches),
      );
    apply();
    prefersDark.addEventListener("change", apply);
    return () => prefersDark.removeEventListener("change", apply);
  }, [theme]);
}

// A refusal anywhere may mean the user's membership, role or matrix changed: refetch what the
// SPA knows of them, so the page explains the change instead of showing an empty list. Not for
// refusals of those queries themselves, which would only ask again.
function createQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: queryConfig,
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isAccessRefusal(error) && query.queryKey[0] !== organizationKeys.all[0]) {
          void queryClient.invalidateQueries({ queryKey: organizationKeys.all });
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isAccessRefusal(error)) {
          void queryClient.invalidateQueries({ queryKey: organizationKeys.all });
        }
      },
    }),
  });
  return queryClient;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => subscribeToAuthChanges(queryClient), [queryClient]);
  useThemeClass();

  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* Centred: row actions sit at the right edge, where a corner toast would cover them. */}
      <Suspense>
        <Toaster position="bottom-center" />
      </Suspense>
    </QueryClientProvider>
  );
}
