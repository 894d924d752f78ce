import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { authError, signedInSession, testUser } from "@/testing/handlers";
import { server } from "@/testing/server";
import { renderApp } from "@/testing/test-utils";

const auth = `${env.supabaseUrl}/auth/v1`;

describe("sign up", () => {
  it("creates the account with the name and asks to confirm the email when required", async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${auth}/signup`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        // No session in the answer: the project wants the email confirmed first.
        return HttpResponse.json({ id: "new-user", email: body.email, user_metadata: body.data });
      }),
    );
    const { user } = renderApp("/sign-in?redirect=%2Fo%2Facme%2Fmembers");

    await user.click(await screen.findByRole("link", { name: "Create an account" }));
    await user.type(await screen.findByLabelText("Full name"), "Nia Park");
    await user.type(screen.getByLabelText("Email"), "nia@example.com");
    await user.type(screen.getByLabelText("Password"), "long-enough-pw");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByText("Confirm your email")).toBeInTheDocument();
    expect(body).toMatchObject({
      email: "nia@example.com",
      password: "long-enough-pw",
      data: { full_name: "Nia Park" },
    });
  });

  it("shows why an account can't be created", async () => {
    server.use(
      http.post(`${auth}/signup`, () =>
        authError(422, "user_already_exists", "User already registered"),
      ),
    );
    const { user } = renderApp("/sign-up");

    await user.type(await screen.findByLabelText("Full name"), "Dana");
    await user.type(screen.getByLabelText("Email"), testUser.email);
    await user.type(screen.getByLabelText("Password"), "long-enough-pw");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "An account with this email already exists. Sign in instead.",
    );
  });
});

describe("magic link", () => {
  it("emails a sign-in link that returns to where the visitor was going", async () => {
    let redirectTo: string | null = null;
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${auth}/otp`, async ({ request }) => {
        redirectTo = new URL(request.url).searchParams.get("redirect_to");
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({});
      }),
    );
    const { user } = renderApp("/sign-in?redirect=%2Fo%2Facme%2Fmembers");

    await user.click(
      await screen.findByRole("button", { name: "Email me a sign-in link instead" }),
    );
    await user.type(screen.getByLabelText("Email"), testUser.email);
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));

    expect(await screen.findByText("Check your email")).toBeInTheDocument();
    expect(body).toMatchObject({ email: testUser.email, create_user: false });
    expect(redirectTo).toBe(
      `${window.location.origin}/sign-in?redirect=${encodeURIComponent("/o/acme/members")}`,
    );
  });

  it("signs in with the 6-digit code from the email, for a link opened elsewhere", async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${auth}/otp`, () => HttpResponse.json({})),
      http.post(`${auth}/verify`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        if (body.token !== "123456") return authError(403, "otp_expired", "Token has expired");
        return HttpResponse.json(signedInSession());
      }),
    );
    const { user, router } = renderApp("/sign-in?redirect=%2Fo%2Facme%2Fmembers");

    await user.click(
      await screen.findByRole("button", { name: "Email me a sign-in link instead" }),
    );
    await user.type(screen.getByLabelText("Email"), testUser.email);
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));
    const code = await screen.findByLabelText("Code from the email");

    await user.type(code, "654321");
    await user.click(screen.getByRole("button", { name: "Sign in with the code" }));
    expect(
      await screen.findByText(
        "That code is wrong or has expired. Check the latest email, or request a new one.",
      ),
    ).toBeInTheDocument();

    await user.clear(code);
    await user.type(code, "123 456");
    await user.click(screen.getByRole("button", { name: "Sign in with the code" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/o/acme/members"));
    expect(body).toMatchObject({ email: testUser.email, token: "123456", type: "email" });
  });

  it("explains an address without an account", async () => {
    server.use(
      http.post(`${auth}/otp`, () => authError(422, "otp_disabled", "Signups not allowed for otp")),
    );
    const { user } = renderApp("/sign-in");

    await user.click(
      await screen.findByRole("button", { name: "Email me a sign-in link instead" }),
    );
    await user.type(screen.getByLabelText("Email"), "nobody@example.com");
    await user.click(screen.getByRole("button", { name: "Email me a sign-in link" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Signups not allowed for otp");
  });
});
