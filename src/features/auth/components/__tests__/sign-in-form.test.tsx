import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { testUser } from "@/testing/handlers";
import { renderApp } from "@/testing/test-utils";

async function fillAndSubmit(user: ReturnType<typeof renderApp>["user"], password: string) {
  await user.type(await screen.findByLabelText("Email"), testUser.email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("sign-in form", () => {
  it("signs in and opens the shell with the user's name", async () => {
    const { router, user } = renderApp("/sign-in");

    await fillAndSubmit(user, testUser.password);

    expect(await screen.findByRole("button", { name: /user menu/i })).toHaveTextContent(
      testUser.fullName,
    );
    expect(router.state.location.pathname).toBe("/");
  });

  it("shows the server's message when the password is wrong, and stays put", async () => {
    const { router, user } = renderApp("/sign-in");

    await fillAndSubmit(user, "wrong-password");

    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid login credentials");
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeEnabled();
    expect(screen.getByLabelText("Password")).toHaveFocus();
  });

  it("keeps the session across a reload", async () => {
    const first = renderApp("/sign-in");
    await fillAndSubmit(first.user, testUser.password);
    await screen.findByRole("button", { name: /user menu/i });
    first.unmount();

    renderApp("/");

    expect(await screen.findByRole("button", { name: /user menu/i })).toHaveTextContent(
      testUser.fullName,
    );
  });
});
