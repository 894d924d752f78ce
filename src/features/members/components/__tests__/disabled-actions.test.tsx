import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultPermissions, invitationRow } from "@/testing/fake-org";
import { openMembersPage } from "@/testing/members-page";

function expectUnavailable(name: string, reason: string) {
  const button = screen.getByRole("button", { name });
  expect(button).toHaveAttribute("aria-disabled", "true");
  expect(button).toHaveAccessibleDescription(reason);
}

describe("actions that are not allowed", () => {
  it.each([
    ["Change role of Dana Owner", "You can't change your own role"],
    ["Suspend Dana Owner", "You can't suspend yourself"],
    ["Remove Dana Owner", "You can't remove yourself"],
  ])("the owner's own row: %s is disabled because %j", async (name, reason) => {
    await openMembersPage();
    expectUnavailable(name, reason);
  });

  it.each([
    ["Change role of Olive Owner", "The owner's role changes only through an ownership transfer"],
    ["Suspend Olive Owner", "The owner can't be suspended"],
    ["Remove Olive Owner", "Transfer ownership before removing the owner"],
    ["Change role of Ada Admin", "Only the owner can manage admins"],
    ["Suspend Ada Admin", "Only the owner can manage admins"],
    ["Remove Ada Admin", "Only the owner can manage admins"],
    ["Change role of Dana Owner", "You can't change your own role"],
  ])("as an admin: %s is disabled because %j", async (name, reason) => {
    await openMembersPage({ role: "admin" });
    expectUnavailable(name, reason);
  });

  it("as an admin, invitations to the admin role can't be resent or revoked", async () => {
    await openMembersPage({
      role: "admin",
      invitations: [invitationRow("inv-adm", "boss@acme.test", "admin")],
    });
    expectUnavailable(
      "Resend invitation to boss@acme.test",
      "Only the owner can manage admin invitations",
    );
    expectUnavailable(
      "Revoke invitation to boss@acme.test",
      "Only the owner can manage admin invitations",
    );
  });

  it("leaves actions on lower-ranked members enabled for an admin", async () => {
    await openMembersPage({ role: "admin" });
    expect(screen.getByRole("button", { name: "Suspend Mo Member" })).not.toHaveAttribute(
      "aria-disabled",
    );
  });

  it("follows the organization's matrix: no members.manage, no member actions", async () => {
    await openMembersPage({
      role: "admin",
      permissions: {
        admin: defaultPermissions.admin.filter((key) => key !== "members.manage"),
      },
    });
    expectUnavailable("Suspend Mo Member", "Your role can't manage members");
  });

  it("follows the organization's matrix: no members.invite, no inviting", async () => {
    await openMembersPage({
      role: "admin",
      permissions: {
        admin: defaultPermissions.admin.filter((key) => key !== "members.invite"),
      },
    });
    expect(screen.getByRole("button", { name: "Invite people" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    expectUnavailable("Resend invitation to ivy@acme.test", "Your role can't manage invitations");
  });

  it("does nothing when a disabled action is clicked, and explains why on hover", async () => {
    const { user, org } = await openMembersPage({ role: "admin" });
    const remove = screen.getByRole("button", { name: "Remove Olive Owner" });

    await user.hover(remove);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(
      "Transfer ownership before removing the owner",
    );

    await user.click(remove);
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
