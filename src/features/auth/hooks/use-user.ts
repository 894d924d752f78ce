import type { User } from "@supabase/auth-js";
import { createContext, use } from "react";

// ProtectedRoute provides the user it let through. Reading it from here rather
// than from the session query keeps the subtree consistent while a sign-out is
// being rendered: the guard swaps the subtree out before anything sees no user.
export const UserContext = createContext<User | null>(null);

/** The signed-in user; only for components rendered inside ProtectedRoute. */
export function useUser(): User {
  const user = use(UserContext);
  if (!user) throw new Error("useUser() must be called inside <ProtectedRoute>.");
  return user;
}
