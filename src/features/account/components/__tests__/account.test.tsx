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

  it("changes the password at once from a recent sign-in", async () => {
    const calls = installAccount([]);
    await signInAsTestUser();
    const { user } = renderApp("/profile");

    await user.type(await screen.findByLabelText("New password"), "a-brand-new-one");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Your password was changed")).toBeInTheDocument();
    expect(calls).toMatchObject([{ name: "update_user", body: { password: "a-brand-new-one" } }]);
    expect(calls[0]!.body).not.toHaveProperty("nonce");
    expect(screen.queryByLabelText("Code from the email")).not.toBeInTheDocument();
  });

  it("from an older sign-in, has a code emailed and sends it with the password", async () => {
    const calls = installAccount([]);
    // Secure password change, as Supabase Auth answers it (supabase/auth internal/api/user.go).
    server.use(
      http.put(`${auth}/user`, async ({ request }) => {
        const body = (await request.json()) as { password: string; nonce?: string };
        calls.push({ name: "update_user", body });
        if (!body.nonce)
          return authError(
            400,
            "reauthentication_needed",
            "Password update requires reauthentication",
          );
        if (body.nonce !== "123456")
          return authError(422, "reauthentication_not_valid", "Nonce has expired or is invalid");
        return HttpResponse.json(authUser());
      }),
      http.get(`${auth}/reauthenticate`, () => {
        calls.push({ name: "reauthenticate", body: null });
        return HttpResponse.json({});
      }),
    );
    await signInAsTestUser();
    const { user } = renderApp("/profile");

    await user.type(await screen.findByLabelText("New password"), "a-brand-new-one");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    const code = await screen.findByLabelText("Code from the email");
    expect(screen.getByText(/we emailed you a 6-digit code/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    await user.type(code, "654 321");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/That code is wrong or has expired/)).toBeInTheDocument();

    await user.clear(code);
    await user.type(code, "123 456");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Your password was changed")).toBeInTheDocument();
    expect(calls).toMatchObject([
      { name: "update_user", body: { password: "a-brand-new-one" } },
      { name: "reauthenticate", body: null },
      { name: "update_user", body: { password: "a-brand-new-one", nonce: "654321" } },
      { name: "update_user", body: { password: "a-brand-new-one", nonce: "123456" } },
    ]);
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
