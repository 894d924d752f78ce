import { create } from "zustand";
import { persist } from "zustand/middleware";

export type Theme = "light" | "dark" | "system";

type PreferencesState = {
  theme: Theme;
  setTheme: (theme: Theme) => void;
};

// UI preferences only; server data lives in React Query.
export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: "system",
      setTheme: (theme) => set({ theme }),
    }),
    { name: "roster.preferences", partialize: ({ theme }) => ({ theme }) },
  ),
);
