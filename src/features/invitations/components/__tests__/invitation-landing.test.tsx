import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { fakeOrg, installFakeOrg, postgrestError, type RecordedCall } from "@/testing/fake-org";
import { testUser } from "@/testing/handlers";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const token = "tok_" + "a".repeat(39);
const rpc = (name: string) => `${env.supabaseUrl}/rest/v1/rpc/${name}`;
const previewUrl = `${env.supabaseUrl}/functions/v1/invitation-preview`;
const inTwoDays = () => new Date(Date.now() + 47.5 * 3_600_000).toISOString();

type PreviewFields = {
  status?: string;
  email?: string;
  inviter?: string | null;
  expires_at?: string;
};

/** The preview function answering for `token`; returns the tokens it was asked about. */
function installPreview(fields: PreviewFields = {}) {
  const asked: unknown[] = [];
  const status = fields.status ?? "pending";
  server.use(
    http.post(previewUrl, async ({ request }) => {
      asked.push(((await request.json()) as { token: unknown }).token);
      return HttpResponse.json(
        status === "unknown"
          ? {
              status,
              organization: null,
              inviter: null,
              role: null,
              email: null,
              expires_at: null,
            }
          : {
              status,
              organization: fakeOrg.name,
              inviter: fields.inviter === undefined ? "Olive Owner" : fields.inviter,
              role: "member",
              email: fields.email ?? "d***@acme.test",
              expires_at: fields.expires_at ?? inTwoDays(),
            },
      );
    }),
  );
  return asked;
}

/** accept_invitation / decline_invitation answering like the server, recording their calls. */
function installResponses() {
  const calls: RecordedCall[] = [];
  server.use(
    http.post(rpc("accept_invitation"), async ({ request }) => {
      calls.push({ name: "accept_invitation", body: (await request.json()) as never });
      return HttpResponse.json([{ org_id: fakeOrg.id, role: "member" }]);
    }),
    // The page asks for the joined organization's slug as one object (`.single()`).
    http.get(`${env.supabaseUrl}/rest/v1/my_memberships`, ({ request }) =>
      new URL(request.url).searchParams.get("org_id") === `eq.${fakeOrg.id}`
        ? HttpResponse.json({ org_slug: fakeOrg.slug })
        : undefined,
    ),
    http.post(rpc("decline_invitation"), async ({ request }) => {
      calls.push({ name: "decline_invitation", body: (await request.json()) as never });
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return calls;
}

async function openSignedIn(preview?: PreviewFields) {
  installFakeOrg({ role: "member" });
  const asked = installPreview(preview);
  const calls = installResponses();
  await signInAsTestUser();
  const view = renderApp(`/invite/${token}`);
  await screen.findByRole("heading", { name: /Join Acme Clinic|invitation/ });
  return { ...view, asked, calls };
}

describe("accept-invite page, signed out", () => {
  it("shows the organization, inviter, role, address and expiry, and asks to sign in or sign up", async () => {
    const asked = installPreview();
    renderApp(`/invite/${token}`);

    expect(await screen.findByRole("heading", { name: "Join Acme Clinic" })).toBeInTheDocument();
    expect(
      screen.getByText("Olive Owner invited you to join Acme Clinic as a Member."),
    ).toBeVisible();
    const details = screen.getByText("Organization").closest("dl");
    expect(details).toHaveTextContent("OrganizationAcme Clinic");
    expect(details).toHaveTextContent("Invited byOlive Owner");
    expect(details).toHaveTextContent("RoleMember");
    expect(details).toHaveTextContent("Sent tod***@acme.test");
    expect(details).toHaveTextContent("Expiresin 47 h");
    expect(asked).toEqual([token]);

    // Create an account right here (the default), or switch to signing in.
    expect(screen.getByRole("tab", { name: "Create account", selected: true })).toBeVisible();
    expect(screen.getByLabelText("Full name")).toBeVisible();
    expect(screen.queryByRole("button", { name: "Accept invitation" })).not.toBeInTheDocument();
  });

  it("shows and prefills the invited address in full when the emailed link carries it", async () => {
    installPreview();
    const { user } = renderApp(`/invite/${token}#email=dana%40acme.test`);

    await screen.findByRole("heading", { name: "Join Acme Clinic" });
    // One address on the whole page: never masked above and in full below.
    expect(screen.getByText("Organization").closest("dl")).toHaveTextContent(
      "Sent todana@acme.test",
    );
    expect(screen.queryByText(/d\*\*\*@/)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveValue("dana@acme.test");
    await user.click(screen.getByRole("tab", { name: "Sign in" }));
    expect(screen.getByLabelText("Email")).toHaveValue("dana@acme.test");
  });

  it("keeps the address masked, and the form empty, when the link's address isn't the invited one", async () => {
    installPreview();
    renderApp(`/invite/${token}#email=mallory%40evil.test`);

    await screen.findByRole("heading", { name: "Join Acme Clinic" });
    expect(screen.getByText("Organization").closest("dl")).toHaveTextContent(
      "Sent tod***@acme.test",
    );
    expect(screen.queryByText(/mallory/)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveValue("");
  });

  it("moves on to Accept once the visitor signs in on the page", async () => {
    installFakeOrg({ role: "member" });
    installPreview();
    const { user } = renderApp(`/invite/${token}`);

    await user.click(await screen.findByRole("tab", { name: "Sign in" }));
    await user.type(screen.getByLabelText("Email"), testUser.email);
    await user.type(screen.getByLabelText("Password"), testUser.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("button", { name: "Accept invitation" })).toBeVisible();
    expect(screen.getByText(/Signed in as/)).toHaveTextContent(`Signed in as ${testUser.email}.`);
  });

  it("says when an invitation has no inviter name", async () => {
    installPreview({ inviter: null });
    renderApp(`/invite/${token}`);

    expect(
      await screen.findByText("An admin invited you to join Acme Clinic as a Member."),
    ).toBeVisible();
  });
});

const closedStates = [
  [
    "expired",
    "This invitation has expired",
    "Ask Olive Owner or another admin of Acme Clinic to resend it.",
  ],
  [
    "revoked",
    "This invitation was withdrawn",
    "If you still need access, ask an admin of Acme Clinic to invite you again.",
  ],
  [
    "used",
    "This invitation has already been used",
    "If you accepted it, sign in to open Acme Clinic from your organizations.",
  ],
  [
    "declined",
    "This invitation was declined",
    "If it was declined by mistake, ask Olive Owner to invite you to Acme Clinic again.",
  ],
  [
    "unknown",
    "This invitation link isn't valid",
    "Open the most recent invitation email and use its whole link",
  ],
] as const;

describe("invitations that can no longer be accepted", () => {
  it.each(closedStates)("%s: explains why and what to do next", async (status, title, next) => {
    installPreview({ status, expires_at: new Date(Date.now() - 3_600_000).toISOString() });
    renderApp(`/invite/${token}`);

    expect(await screen.findByRole("heading", { name: title })).toBeInTheDocument();
    expect(screen.getByText(/What to do next/).parentElement).toHaveTextContent(next);
    expect(screen.queryByRole("button", { name: "Accept invitation" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Full name")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in to Roster" })).toHaveAttribute(
      "href",
      "/sign-in",
    );
  });

  it("offers a signed-in visitor their organizations instead of signing in", async () => {
    installPreview({ status: "used" });
    await signInAsTestUser();
    renderApp(`/invite/${token}`);

    expect(await screen.findByRole("link", { name: "Go to your organizations" })).toHaveAttribute(
      "href",
      "/",
    );
  });
});

describe("when the preview can't be read", () => {
  it("shows the rate limit in words and tries again on request", async () => {
    let answers = 0;
    server.use(
      http.post(previewUrl, () => {
        answers += 1;
        return HttpResponse.json(
          { code: "rate_limited", message: "slow down", hint: "rate_limited" },
          { status: 429 },
        );
      }),
    );
    const { user } = renderApp(`/invite/${token}`);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't load this invitation");
    expect(alert).toHaveTextContent("Too many attempts. Wait a moment and try again.");
    installPreview();
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "Join Acme Clinic" })).toBeInTheDocument();
    expect(answers).toBe(1);
  });
});

describe("accept-invite page, signed in", () => {
  it("accepts and lands in the organization", async () => {
    const { user, router, calls } = await openSignedIn();

    await user.click(screen.getByRole("button", { name: "Accept invitation" }));

    // A member's first page in the organization is the Workspace (customers, conversations).
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/o/${fakeOrg.slug}/workspace`),
    );
    expect(calls).toEqual([{ name: "accept_invitation", body: { p_token: token } }]);
    expect(
      await screen.findByText("Welcome to Acme Clinic. You joined as a Member."),
    ).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Workspace" })).toBeInTheDocument();
  });

  it("says plainly when the signed-in account is not the invited one, and switches account", async () => {
    const { user, calls } = await openSignedIn({ email: "s***@elsewhere.test" });

    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This invitation is for someone else");
    expect(alert).toHaveTextContent(
      `You're signed in as ${testUser.email}, but the invitation was sent to s***@elsewhere.test.`,
    );
    expect(screen.queryByRole("button", { name: "Accept invitation" })).not.toBeInTheDocument();

    await user.click(within(alert).getByRole("button", { name: "Switch account" }));
    expect(await screen.findByRole("tab", { name: "Create account" })).toBeVisible();
    expect(screen.getByRole("heading", { name: "Join Acme Clinic" })).toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it("declines after confirming, and says so", async () => {
    const { user, calls } = await openSignedIn();

    await user.click(screen.getByRole("button", { name: "Decline" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Decline the invitation to Acme Clinic?",
    });
    await user.click(within(dialog).getByRole("button", { name: "Decline invitation" }));

    expect(
      await screen.findByText(/You declined the invitation to join Acme Clinic/),
    ).toBeInTheDocument();
    expect(calls).toEqual([{ name: "decline_invitation", body: { p_token: token } }]);
    expect(screen.getByRole("link", { name: "Go to Roster" })).toHaveAttribute("href", "/");
  });

  it("after declining, the refreshed page says you declined, not that the link was used", async () => {
    const { user } = await openSignedIn();
    await user.click(screen.getByRole("button", { name: "Decline" }));
    const dialog = await screen.findByRole("dialog");
    // from now on the preview answers as the server does for a declined invitation
    installPreview({ status: "declined" });
    await user.click(within(dialog).getByRole("button", { name: "Decline invitation" }));

    expect(
      await screen.findByRole("heading", { name: "You declined this invitation" }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/already been used/)).not.toBeInTheDocument();
  });

  it("keeps the dialog open with the reason when declining is refused", async () => {
    const { user } = await openSignedIn();
    server.use(
      http.post(rpc("decline_invitation"), () =>
        postgrestError(400, "P0001", "invitation_revoked"),
      ),
    );

    await user.click(screen.getByRole("button", { name: "Decline" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Decline invitation" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "An admin of Acme Clinic withdrew this invitation.",
    );
  });
});

// Every refusal accept_invitation can answer (docs/database.md §5), in the invitee's words.
const acceptHints = [
  [
    403,
    "42501",
    "invitation_email_mismatch",
    "This invitation was sent to a different email address than the one you're signed in with.",
    "Switch account",
  ],
  [
    400,
    "P0001",
    "invitation_expired",
    "This invitation expired before you responded. Ask an admin of Acme Clinic to resend it.",
    null,
  ],
  [
    400,
    "P0001",
    "invitation_revoked",
    "An admin of Acme Clinic withdrew this invitation. Ask them to invite you again if you still need access.",
    null,
  ],
  [
    400,
    "P0001",
    "invitation_used",
    "This invitation has already been used. Each invitation works only once.",
    null,
  ],
  [
    404,
    "PT404",
    "invalid_token",
    "This link no longer works, usually because the invitation was sent again with a new link.",
    null,
  ],
  [
    409,
    "23505",
    "already_member",
    "You're already a member of Acme Clinic.",
    "Go to your organizations",
  ],
] as const;

describe("server refusals on accept", () => {
  it.each(acceptHints)(
    "%i %s %s: shows the message and stays on the page",
    async (status, code, hint, message, action) => {
      const { user, router } = await openSignedIn();
      server.use(http.post(rpc("accept_invitation"), () => postgrestError(status, code, hint)));

      await user.click(screen.getByRole("button", { name: "Accept invitation" }));

      const alert = await screen.findByRole("alert");
      expect(alert).toHaveTextContent(message);
      expect(alert).not.toHaveTextContent(`server says ${hint}`);
      expect(router.state.location.pathname).toBe(`/invite/${token}`);
      if (action) expect(within(alert).getByText(action)).toBeVisible();
      else expect(within(alert).queryByRole("button")).not.toBeInTheDocument();
    },
  );
});
