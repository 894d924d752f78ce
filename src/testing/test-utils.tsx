import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProvider } from "@/app/provider";
import { routes } from "@/app/router";
import { supabase } from "@/lib/supabase";
import { testUser } from "./handlers";

/** Renders the whole app, with its real routes, at `path`. */
export function renderApp(path = "/") {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const view = render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router, user };
}

/** Starts a session for the test user, as a previous visit would have left it. */
export async function signInAsTestUser() {
  const { error } = await supabase.auth.signInWithPassword({
    email: testUser.email,
    password: testUser.password,
  });
  if (error) throw error;
}
