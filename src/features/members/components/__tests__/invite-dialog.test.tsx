import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { fakeOrg } from "@/testing/fake-org";
import { openMembersPage } from "@/testing/members-page";
import { server } from "@/testing/server";

const invitationsUrl = `${env.supabaseUrl}/functions/v1/invitations`;

async function openInvite(options?: Parameters<typeof openMembersPage>[0]) {
  const view = await openMembersPage(options);
  await view.user.click(screen.getByRole("button", { name: "Invite people" }));
  const dialog = await screen.findByRole("dialog", { name: `Invite people to ${fakeOrg.name}` });
  return { ...view, dialog, emails: within(dialog).getByLabelText("Email addresses") };
}

function chips(dialog: HTMLElement) {
  const list = within(dialog).queryByRole("list", { name: "Addresses to invite" });
  return list
    ? within(list)
        .getAllByRole("listitem")
        .map((item) => item.textContent)
    : [];
}

describe("invite dialog", () => {
  it("turns pasted addresses into chips and flags the invalid one", async () => {
    const { user, dialog, emails } = await openInvite();

    await user.click(emails);
    await user.paste("Nia@Example.com, omar@example.com\nnot-an-email;nia@example.com");

    expect(chips(dialog)).toEqual([
      "nia@example.com",
      "omar@example.com",
      "not-an-email(not a valid email address)",
    ]);
    expect(dialog).toHaveTextContent("“not-an-email” is not a valid email address.");
    expect(emails).toHaveAttribute("aria-invalid", "true");
    // Counts what would be sent: the two valid addresses, not the invalid one.
    expect(within(dialog).getByRole("button", { name: "Send 2 invitations" })).toBeDisabled();

    await user.click(within(dialog).getByRole("button", { name: "Remove not-an-email" }));
    expect(within(dialog).getByRole("button", { name: "Send 2 invitations" })).toBeEnabled();
  });

  it("makes chips on comma, space and Enter, and removes the last with Backspace", async () => {
    const { user, dialog, emails } = await openInvite();

    await user.type(emails, "a@example.com,b@example.com c@example.com{Enter}");
    expect(chips(dialog)).toEqual(["a@example.com", "b@example.com", "c@example.com"]);

    await user.type(emails, "{Backspace}");
    expect(chips(dialog)).toEqual(["a@example.com", "b@example.com"]);
  });

  it("never offers Owner; an admin may invite Members and Viewers only", async () => {
    const owner = await openInvite();
    expect(
      within(owner.dialog)
        .getAllByRole("radio")
        .map((radio) => radio.getAttribute("value")),
    ).toEqual(["admin", "member", "viewer"]);
    owner.unmount();

    const admin = await openInvite({ role: "admin" });
    expect(
      within(admin.dialog)
        .getAllByRole("radio")
        .map((radio) => radio.getAttribute("value")),
    ).toEqual(["member", "viewer"]);
  });

  it("sends the invitations and keeps the result for each address until dismissed", async () => {
    const { user, dialog, emails, org } = await openInvite();
    server.use(
      http.post(invitationsUrl, async ({ request }) => {
        org.calls.push({ name: "invitations", body: (await request.json()) as never });
        return HttpResponse.json({
          results: [
            { email: "nia@example.com", status: "sent", invitation_id: "i1" },
            {
              email: "omar@example.com",
              status: "failed",
              invitation_id: "i2",
              error: "Mailbox full",
            },
            { email: "mo@acme.test", status: "already_member" },
            { email: "ivy@acme.test", status: "already_invited", invitation_id: "inv-ivy" },
          ],
        });
      }),
    );

    await user.type(emails, "nia@example.com omar@example.com mo@acme.test ivy@acme.test");
    await user.click(within(dialog).getByRole("radio", { name: /Viewer/ }));
    await user.type(within(dialog).getByLabelText(/Message/), "Welcome aboard");
    await user.click(within(dialog).getByRole("button", { name: "Send 4 invitations" }));

    const results = await within(dialog).findByRole("list", { name: "Results by address" });
    expect(
      within(results)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([
      "nia@example.comInvitation sent",
      "omar@example.comFailed to sendMailbox full",
      "mo@acme.testAlready a member",
      "ivy@acme.testAlready invited",
    ]);
    expect(await screen.findByText("1 invitation sent")).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "invitations")?.body).toEqual({
      action: "create",
      org_id: fakeOrg.id,
      emails: ["nia@example.com", "omar@example.com", "mo@acme.test", "ivy@acme.test"],
      role: "viewer",
      message: "Welcome aboard",
    });

    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("sends an address still being typed, and the list shows it as Invited", async () => {
    const { user, dialog, emails } = await openInvite();

    await user.type(emails, "zoe@example.com");
    await user.click(within(dialog).getByRole("button", { name: "Send invitation" }));

    expect(await within(dialog).findByText("Invitation sent")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(await screen.findByText("zoe@example.com")).toBeInTheDocument();
  });

  it("refuses more than 50 addresses at once", async () => {
    const { user, dialog, emails } = await openInvite();

    await user.click(emails);
    await user.paste(Array.from({ length: 51 }, (_, i) => `p${i}@example.com`).join(" "));

    expect(dialog).toHaveTextContent("That's 51 addresses; invite at most 50 at a time.");
    expect(within(dialog).getByRole("button", { name: "Send 51 invitations" })).toBeDisabled();
  });

  it.each([
    [409, "invitation_pending", "This email already has a pending invitation. Resend it instead."],
    [409, "already_member", "This person is already a member of the organization."],
    [403, "role_too_high", "You can only manage members, and assign roles, ranked below your own."],
    [
      400,
      "owner_via_transfer_only",
      "The owner role can only be handed over through an ownership transfer.",
    ],
    [400, "invalid_input", "Some of the details aren't valid. Check them and try again."],
    [403, "forbidden", "You don't have permission to do that."],
    [429, "rate_limited", "Too many attempts. Wait a moment and try again."],
  ])(
    "shows the message for a %i %s refusal and keeps the addresses",
    async (status, hint, message) => {
      const { user, dialog, emails } = await openInvite();
      server.use(
        http.post(invitationsUrl, () =>
          HttpResponse.json({ code: hint, message: "raw server text", hint }, { status }),
        ),
      );

      await user.type(emails, "mo@acme.test ");
      await user.click(within(dialog).getByRole("button", { name: "Send invitation" }));

      expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
      expect(chips(dialog)).toEqual(["mo@acme.test"]);
    },
  );
});
