import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { authError, authUser, testUser } from "@/testing/handlers";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const rest = `${env.supabaseUrl}/rest/v1`;
const auth = `${env.supabaseUrl}/auth/v1`;

type Blocker = { org_id: string; slug: string; name: string; other_members: number };

/** The account RPCs, recording what the page sends. */
function installAccount(blockers: Blocker[]) {
  const calls: { name: string; body: unknown }[] = [];
  server.use(
    http.get(`${rest}/profiles`, () => HttpResponse.json({ display_name: testUser.fullName })),
    // The shell's banner of invitations waiting for the person.
    http.post(`${rest}/rpc/my_invitations`, () => HttpResponse.json([])),
    http.post(`${rest}/rpc/account_deletion_blockers`, () => HttpResponse.json(blockers)),
    http.post(`${rest}/rpc/delete_my_account`, async ({ request }) => {
      calls.push({ name: "delete_my_account", body: await request.json() });
      return HttpResponse.json(null);
    }),
    http.put(`${auth}/user`, async ({ request }) => {
      calls.push({ name: "update_user", body: await request.json() });
      return HttpResponse.json(authUser());
    }),
  );
  return calls;
}

describe("forgot password", () => {
  it("is offered on the sign-in page and asks for a link back to the set-new-password page, saying the same whoever asks", async () => {
    let sent: { body: unknown; redirectTo: string | null } | undefined;
    server.use(
      http.post(`${auth}/recover`, async ({ request }) => {
        sent = {
          body: await request.json(),
          redirectTo: new URL(request.url).searchParams.get("redirect_to"),
        };
        return HttpResponse.json({});
      }),
    );
    const { user, router } = renderApp("/sign-in");
    await user.click(await screen.findByRole("link", { name: "Forgot your password?" }));
    expect(await screen.findByRole("heading", { name: "Reset your password" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/forgot-password");

    await user.type(await screen.findByLabelText("Email"), "someone@acme.test");
    await user.click(screen.getByRole("button", { name: "Email me a reset link" }));

    expect(await screen.findByText("Check your email")).toBeInTheDocument();
    expect(sent?.body).toMatchObject({ email: "someone@acme.test" });
    expect(new URL(sent!.redirectTo!).pathname).toBe("/reset-password");
  });

  it("tells a visitor whose reset link failed to ask for a new one", async () => {
    window.location.hash = "#error=access_denied&error_code=otp_expired";
    renderApp("/reset-password");
    expect(await screen.findByRole("link", { name: "Request a new one" })).toHaveAttribute(
      "href",
      "/forgot-password",
    );
    window.location.hash = "";
  });
});

describe("profile", () => {
  it("refuses to delete the account while the person owns an organization with others, linking to its transfer", async () => {
    installAccount([{ org_id: "o1", slug: "acme", name: "Acme Clinic", other_members: 3 }]);
    await signInAsTestUser();
    renderApp("/profile");

    const link = await screen.findByRole("link", { name: "Transfer ownership of Acme Clinic" });
    expect(link).toHaveAttribute("href", "/o/acme/settings");
    expect(screen.queryByRole("button", { name: "Delete my account" })).not.toBeInTheDocument();
  });

  it("deletes the account once the email address is typed, and signs out", async () => {
    const calls = installAccount([]);
    await signInAsTestUser();
    const { user, router } = renderApp("/profile");

    await user.click(await screen.findByRole("button", { name: "Delete my account" }));
    const dialog = await screen.findByRole("dialog");
    const confirm = within(dialog).getByRole("button", { name: "Delete my account" });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/to confirm/), testUser.email);
    await user.click(confirm);

    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(calls).toEqual([
      { name: "delete_my_account", body: { p_confirm_email: testUser.email } },
    ]);
  });

  it("changes the password only after the current one is proved", async () => {
    const calls = installAccount([]);
    await signInAsTestUser();
    const { user } = renderApp("/profile");

    await user.type(await screen.findByLabelText("Current password"), "not-my-password");
    await user.type(screen.getByLabelText("New password"), "a-brand-new-one");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/Invalid login credentials/)).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.clear(screen.getByLabelText("Current password"));
    await user.type(screen.getByLabelText("Current password"), testUser.password);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Your password was changed")).toBeInTheDocument();
    expect(calls).toMatchObject([{ name: "update_user", body: { password: "a-brand-new-one" } }]);
  });

  it("explains a refusal from the server", async () => {
    installAccount([]);
    server.use(http.put(`${auth}/user`, () => authError(422, "email_exists", "taken")));
    await signInAsTestUser();
    const { user } = renderApp("/profile");
    await user.type(await screen.findByLabelText("New email address"), "taken@acme.test");
    await user.click(screen.getByRole("button", { name: "Change email" }));
    expect(
      await screen.findByText(/An account with this email already exists/),
    ).toBeInTheDocument();
  });
});
