import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { env } from "@/config/env";
import { supabase } from "@/lib/supabase";
import { testUser } from "@/testing/handlers";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

describe("user menu", () => {
  it("shows who is signed in", async () => {
    await signInAsTestUser();
    const { user } = renderApp("/");

    await user.click(await screen.findByRole("button", { name: /user menu/i }));

    const menu = await screen.findByRole("menu");
    expect(menu).toHaveTextContent(testUser.fullName);
    expect(menu).toHaveTextContent(testUser.email);
  });

  it("signs out and returns to the sign-in page", async () => {
    await signInAsTestUser();
    const { router, user } = renderApp("/");

    await user.click(await screen.findByRole("button", { name: /user menu/i }));
    await user.click(await screen.findByRole("menuitem", { name: "Sign out" }));

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    const { data } = await supabase.auth.getSession();
    expect(data.session).toBeNull();
  });

  it("stays signed in and says why when sign-out cannot reach the server", async () => {
    server.use(http.post(`${env.supabaseUrl}/auth/v1/logout`, () => HttpResponse.error()));
    // supabase-js logs the failed fetch itself; keep the test output clean.
    vi.spyOn(console, "error").mockImplementation(() => {});
    await signInAsTestUser();
    const { router, user } = renderApp("/");

    await user.click(await screen.findByRole("button", { name: /user menu/i }));
    await user.click(await screen.findByRole("menuitem", { name: "Sign out" }));

    expect(await screen.findByText(/can't reach the server/i)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/");
    expect(screen.getByRole("button", { name: /user menu/i })).toBeInTheDocument();
  });
});
