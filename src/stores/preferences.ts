import { create } from "zustand";
import { persist } from "zustand/middleware";

export type Theme = "light" | "dark" | "system";

type PreferencesState = {
  theme: Theme;
  setTheme: (theme: Theme) => void;
  /** The organization opened last, so the next visit to "/" returns to it. */
  lastOrgSlug: string | null;
  setLastOrgSlug: (slug: string) => void;
};

// UI preferences only; server data lives in React Query.
export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: "system",
      setTheme: (theme) => set({ theme }),
      lastOrgSlug: null,
      setLastOrgSlug: (lastOrgSlug) => set({ lastOrgSlug }),
    }),
    {
      name: "roster.preferences",
      partialize: ({ theme, lastOrgSlug }) => ({ theme, lastOrgSlug }),
    },
  ),
);
