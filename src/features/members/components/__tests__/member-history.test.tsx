import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { directoryRow, fakeOrg, invitationRow, ownerDirectory, people } from "@/testing/fake-org";
import { openMembersPage, rowAction, rowOf } from "@/testing/members-page";

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function history() {
  return [
    invitationRow("inv-ivy", "ivy@acme.test", "viewer"),
    invitationRow("inv-old", "old@acme.test", "member", {
      status: "expired",
      expires_at: hoursAgo(30),
    }),
    invitationRow("inv-no", "no@acme.test", "viewer", {
      status: "declined",
      declined_at: hoursAgo(5),
    }),
    invitationRow("inv-rev", "rev@acme.test", "member", {
      status: "revoked",
      revoked_at: hoursAgo(2),
      revoked_by: people.ada.id,
    }),
    invitationRow("inv-yes", "mo@acme.test", "member", {
      status: "accepted",
      accepted_at: hoursAgo(72),
    }),
  ];
}

async function openInvitations(options?: Parameters<typeof openMembersPage>[0]) {
  const page = await openMembersPage({ invitations: history(), ...options });
  await page.user.click(screen.getByRole("tab", { name: "Invitations" }));
  const list = await screen.findByRole("list", { name: "Invitations" });
  const item = (email: string) => {
    const found = within(list)
      .getAllByRole("listitem")
      .find((li) => li.textContent?.includes(email));
    if (!found) throw new Error(`no invitation for ${email}`);
    return found;
  };
  return { ...page, list, item };
}

describe("invitation history", () => {
  it("lists every invitation with its status, who sent it and how it ended", async () => {
    const { list, item } = await openInvitations();

    expect(within(list).getAllByRole("listitem")).toHaveLength(5);
    expect(item("ivy@acme.test")).toHaveTextContent("Pending");
    expect(item("ivy@acme.test")).toHaveTextContent(`Invited by ${people.dana.name}`);
    expect(item("old@acme.test")).toHaveTextContent("Expired");
    expect(item("no@acme.test")).toHaveTextContent("Declined 5 h ago");
    expect(item("rev@acme.test")).toHaveTextContent("Revoked by Ada Admin 2 h ago");
    expect(item("mo@acme.test")).toHaveTextContent("Accepted 3 days ago");
    // Nothing left to do with an accepted one.
    expect(
      within(item("mo@acme.test")).queryByRole("button", { name: /Actions/ }),
    ).not.toBeInTheDocument();
  });

  it("filters by status on the server", async () => {
    const { user } = await openInvitations();

    await user.selectOptions(
      screen.getByRole("combobox", { name: "Invitation status" }),
      "declined",
    );

    await waitFor(() =>
      expect(
        within(screen.getByRole("list", { name: "Invitations" })).getAllByRole("listitem"),
      ).toHaveLength(1),
    );
    expect(screen.getByRole("list", { name: "Invitations" })).toHaveTextContent("no@acme.test");
  });

  it("invites an expired address again with its role, through the invitations function", async () => {
    const { user, org } = await openInvitations();

    await user.click(await rowAction(user, "old@acme.test", "Invite again"));
    const dialog = await screen.findByRole("dialog", { name: `Invite people to ${fakeOrg.name}` });
    expect(within(dialog).getByText("old@acme.test")).toBeInTheDocument();
    expect(within(dialog).getByRole("radio", { name: "Member" })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Send invitation" }));

    expect(await within(dialog).findByText("Invitation sent")).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "invitations")?.body).toEqual({
      action: "create",
      org_id: fakeOrg.id,
      emails: ["old@acme.test"],
      role: "member",
    });
  });

  it("resends a pending one from the history", async () => {
    const { user, org } = await openInvitations();

    await user.click(await rowAction(user, "ivy@acme.test", "Resend invitation"));

    expect(await screen.findByText("Invitation sent again to ivy@acme.test")).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "invitations")?.body).toEqual({
      action: "resend",
      invitation_id: "inv-ivy",
    });
  });

  it("offers a removed member an Invite again with their old role", async () => {
    const { user } = await openMembersPage();
    await user.click(screen.getByRole("switch", { name: "Show removed" }));
    await screen.findByText("Rex Removed");

    await user.click(await rowAction(user, "Rex Removed", "Invite again"));

    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("rex@acme.test")).toBeInTheDocument();
    expect(within(dialog).getByRole("radio", { name: "Viewer" })).toBeChecked();
  });
});

describe("member detail", () => {
  it("shows role, status, who suspended them and why, and their recent events", async () => {
    const directory = ownerDirectory().map((row) =>
      row.user_id === people.sam.id
        ? directoryRow(people.sam, "member", "suspended", {
            invited_by_name: people.ada.name,
            suspended_by: people.dana.id,
            suspended_reason: "Laptop stolen",
          })
        : row,
    );
    const { user } = await openMembersPage({
      directory,
      audit: [
        {
          id: 7,
          occurred_at: hoursAgo(1),
          action: "member.suspended",
          actor_id: people.dana.id,
          actor_email: people.dana.email,
          reason: "Laptop stolen",
          target_user_id: people.sam.id,
        },
      ],
    });

    await user.click(within(rowOf("Sam Suspended")).getByRole("button", { name: "Sam Suspended" }));

    const drawer = await screen.findByRole("dialog", { name: "Sam Suspended" });
    expect(drawer).toHaveTextContent("Member");
    expect(drawer).toHaveTextContent("Invited by" + people.ada.name);
    expect(drawer).toHaveTextContent(`Suspended by ${people.dana.name} on`);
    expect(drawer).toHaveTextContent("“Laptop stolen”");
    const events = await within(drawer).findByRole("list", { name: "Recent activity" });
    expect(events).toHaveTextContent("Suspended");
    expect(events).toHaveTextContent(`by ${people.dana.name}`);
  });

  it("doesn't read the audit log for a reader without audit.read", async () => {
    const { user } = await openMembersPage({
      permissions: { owner: ["members.read", "members.manage", "members.invite"] },
    });

    await user.click(within(rowOf("Mo Member")).getByRole("button", { name: "Mo Member" }));

    const drawer = await screen.findByRole("dialog", { name: "Mo Member" });
    expect(drawer).toHaveTextContent("Your role can't read the audit log");
    expect(within(drawer).queryByRole("list")).not.toBeInTheDocument();
  });

  it("shows a member whose account was deleted under the name they had, removed, without an account to read", async () => {
    const directory = [
      ...ownerDirectory(),
      directoryRow(people.mo, "member", "removed", {
        membership_id: "m-deleted",
        user_id: null,
        display_name: "Gone Person",
        email: "gone@acme.test",
        removed_reason: "Account deleted",
      }),
    ];
    const { user } = await openMembersPage({ directory });
    await user.click(screen.getByRole("switch", { name: "Show removed" }));

    await user.click(await screen.findByRole("button", { name: "Gone Person" }));

    const drawer = await screen.findByRole("dialog", { name: "Gone Person" });
    expect(drawer).toHaveTextContent("gone@acme.test");
    expect(drawer).toHaveTextContent(/Removed on .*: “Account deleted”/);
    expect(drawer).toHaveTextContent("This person's account was deleted.");
  });

  it("shows the person looking as active just now, even before their first heartbeat", async () => {
    const directory = ownerDirectory().map((row) =>
      row.user_id === people.dana.id ? { ...row, last_active_at: null } : row,
    );
    await openMembersPage({ directory });

    expect(within(rowOf("Dana Owner")).getAllByRole("cell")[3]).toHaveTextContent("just now");
  });
});

describe("focus after a row action", () => {
  it("shows its toast away from the row actions at the right edge", async () => {
    const { user } = await openMembersPage();

    await user.click(await rowAction(user, "ivy@acme.test", "Resend invitation"));

    const toast = await screen.findByText("Invitation sent again to ivy@acme.test");
    expect(toast.closest("[data-x-position]")).toHaveAttribute("data-x-position", "center");
  });

  it("returns to the row's Actions button when its dialog closes", async () => {
    const { user } = await openMembersPage();

    await user.click(await rowAction(user, "Mo Member", "Suspend"));
    await screen.findByRole("dialog");
    await user.keyboard("{Escape}");

    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Actions for Mo Member" })).toHaveFocus(),
    );
  });

  it("returns to the name that opened the member drawer", async () => {
    const { user } = await openMembersPage();
    const name = within(rowOf("Mo Member")).getByRole("button", { name: "Mo Member" });

    await user.click(name);
    await screen.findByRole("dialog", { name: "Mo Member" });
    await user.keyboard("{Escape}");

    await waitFor(() => expect(name).toHaveFocus());
  });
});
