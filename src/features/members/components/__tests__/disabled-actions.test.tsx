import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultPermissions, invitationRow } from "@/testing/fake-org";
import { openMembersPage, rowAction } from "@/testing/members-page";

type User = Awaited<ReturnType<typeof openMembersPage>>["user"];

/** The menu item stays reachable, says it is unavailable, and its description is the reason. */
async function expectUnavailable(user: User, who: string, action: string, reason: string) {
  const item = await rowAction(user, who, action);
  expect(item).toHaveAttribute("aria-disabled", "true");
  expect(item).toHaveAccessibleDescription(reason);
  await user.keyboard("{Escape}");
}

describe("actions that are not allowed", () => {
  it.each([
    ["Change role", "You can't change your own role"],
    ["Suspend", "You can't suspend yourself"],
    ["Remove", "You can't remove yourself"],
  ])("the owner's own row: %s is disabled because %j", async (action, reason) => {
    const { user } = await openMembersPage();
    await expectUnavailable(user, "Dana Owner", action, reason);
  });

  it.each([
    ["Olive Owner", "Change role", "The owner's role changes only through an ownership transfer"],
    ["Olive Owner", "Suspend", "The owner can't be suspended"],
    ["Olive Owner", "Remove", "Transfer ownership before removing the owner"],
    ["Ada Admin", "Change role", "Only the owner can manage admins"],
    ["Ada Admin", "Suspend", "Only the owner can manage admins"],
    ["Ada Admin", "Remove", "Only the owner can manage admins"],
    ["Dana Owner", "Change role", "You can't change your own role"],
  ])("as an admin: %s / %s is disabled because %j", async (who, action, reason) => {
    const { user } = await openMembersPage({ role: "admin" });
    await expectUnavailable(user, who, action, reason);
  });

  it("as an admin, invitations to the admin role can't be resent or revoked", async () => {
    const { user } = await openMembersPage({
      role: "admin",
      invitations: [invitationRow("inv-adm", "boss@acme.test", "admin")],
    });
    const reason = "Only the owner can manage admin invitations";
    await expectUnavailable(user, "boss@acme.test", "Resend invitation", reason);
    await expectUnavailable(user, "boss@acme.test", "Revoke invitation", reason);
  });

  it("leaves actions on lower-ranked members enabled for an admin", async () => {
    const { user } = await openMembersPage({ role: "admin" });
    expect(await rowAction(user, "Mo Member", "Suspend")).not.toHaveAttribute("aria-disabled");
  });

  it("follows the organization's matrix: no members.manage, no member actions", async () => {
    const { user } = await openMembersPage({
      role: "admin",
      permissions: {
        admin: defaultPermissions.admin.filter((key) => key !== "members.manage"),
      },
    });
    await expectUnavailable(user, "Mo Member", "Suspend", "Your role can't manage members");
  });

  it("follows the organization's matrix: no members.invite, no inviting", async () => {
    const { user } = await openMembersPage({
      role: "admin",
      permissions: {
        admin: defaultPermissions.admin.filter((key) => key !== "members.invite"),
      },
    });
    expect(screen.getByRole("button", { name: "Invite people" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await expectUnavailable(
      user,
      "ivy@acme.test",
      "Resend invitation",
      "Your role can't manage invitations",
    );
  });

  it("does nothing when a disabled action is chosen, and shows why in the menu", async () => {
    const { user, org } = await openMembersPage({ role: "admin" });
    const remove = await rowAction(user, "Olive Owner", "Remove");

    expect(screen.getByRole("menu")).toHaveTextContent(
      "Transfer ownership before removing the owner",
    );

    await user.click(remove);
    expect(screen.getByRole("menu")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(org.calls.filter((call) => call.name === "remove_member")).toEqual([]);
  });

  it("explains the disabled Invite button on keyboard focus", async () => {
    const { user } = await openMembersPage({
      role: "admin",
      permissions: { admin: ["members.read", "members.manage"] },
    });
    const invite = screen.getByRole("button", { name: "Invite people" });

    invite.focus();
    expect(await screen.findByRole("tooltip")).toHaveTextContent("Your role can't invite people");
    await user.click(invite);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
