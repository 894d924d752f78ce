import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect, useLayoutEffect, useState } from "react";
import { Toaster } from "@/components/ui/sonner";
import { subscribeToAuthChanges } from "@/features/auth/api/get-session";
import { queryConfig } from "@/lib/react-query";
import { usePreferences } from "@/stores/preferences";

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

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: queryConfig }));
  useEffect(() => subscribeToAuthChanges(queryClient), [queryClient]);
  useThemeClass();

  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* Centred: row actions sit at the right edge, where a corner toast would cover them. */}
      <Toaster position="bottom-center" />
    </QueryClientProvider>
  );
}
