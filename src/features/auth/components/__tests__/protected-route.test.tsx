import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { testUser } from "@/testing/handlers";
import { renderApp } from "@/testing/test-utils";

describe("protected routes", () => {
  it("sends a signed-out visitor to sign in, then back to where they were going", async () => {
    const { router, user } = renderApp("/no-such-page?tab=all");

    await screen.findByRole("heading", { name: "Sign in" });
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(router.state.location.search).toBe(
      `?redirect=${encodeURIComponent("/no-such-page?tab=all")}`,
    );

    await user.type(screen.getByLabelText("Email"), testUser.email);
    await user.type(screen.getByLabelText("Password"), testUser.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/no-such-page");
    expect(router.state.location.search).toBe("?tab=all");
  });

  it("leaves the default destination out of the sign-in URL", async () => {
    const { router } = renderApp("/");

    await screen.findByRole("heading", { name: "Sign in" });
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(router.state.location.search).toBe("");
  });

  it("refuses to redirect outside the app after sign-in", async () => {
    const { router, user } = renderApp("/sign-in?redirect=//evil.example/phish");

    await user.type(await screen.findByLabelText("Email"), testUser.email);
    await user.type(screen.getByLabelText("Password"), testUser.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(await screen.findByRole("heading", { name: "Welcome to Roster" })).toBeInTheDocument();
  });
});
