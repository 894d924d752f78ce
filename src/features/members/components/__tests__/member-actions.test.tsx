import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeOrg, people } from "@/testing/fake-org";
import { openMembersPage, rowAction, rowOf } from "@/testing/members-page";

describe("member actions", () => {
  it("changes a role with a reason, offering only roles below the actor's", async () => {
    const { user, org } = await openMembersPage();

    await user.click(await rowAction(user, "Mo Member", "Change role"));
    const dialog = await screen.findByRole("dialog", { name: "Change the role of Mo Member" });

    const radios = within(dialog).getAllByRole("radio");
    expect(radios.map((radio) => radio.getAttribute("value"))).toEqual([
      "admin",
      "member",
      "viewer",
    ]);
    expect(within(dialog).getByRole("radio", { name: /Member/ })).toBeDisabled();
    const submit = within(dialog).getByRole("button", { name: "Change role" });
    expect(submit).toBeDisabled();

    await user.click(within(dialog).getByRole("radio", { name: /Viewer/ }));
    expect(submit).toBeDisabled();
    await user.type(within(dialog).getByLabelText("Reason"), "  Moved to front desk  ");
    await user.click(submit);

    expect(await screen.findByText("Mo Member is now a Viewer")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "change_member_role")?.body).toEqual({
      p_org_id: fakeOrg.id,
      p_user_id: people.mo.id,
      p_role: "viewer",
      p_reason: "Moved to front desk",
    });
    // The list is read again and shows the new role.
    await waitFor(() =>
      expect(within(rowOf("Mo Member")).getAllByRole("cell")[1]).toHaveTextContent("Viewer"),
    );
  });

  it("offers an admin only Member and Viewer", async () => {
    const { user } = await openMembersPage({ role: "admin" });

    await user.click(await rowAction(user, "Mo Member", "Change role"));
    const dialog = await screen.findByRole("dialog");

    expect(
      within(dialog)
        .getAllByRole("radio")
        .map((radio) => radio.getAttribute("value")),
    ).toEqual(["member", "viewer"]);
  });

  it("suspends an active member with a reason, and the counts follow", async () => {
    const { user, org } = await openMembersPage();
    const suspended = () =>
      within(screen.getByRole("combobox", { name: "Status" })).getByRole("option", {
        name: /^Suspended/,
      });
    await waitFor(() => expect(suspended()).toHaveTextContent("Suspended (1)"));

    await user.click(await rowAction(user, "Vic Viewer", "Suspend"));
    const dialog = await screen.findByRole("dialog", { name: "Suspend Vic Viewer?" });
    await user.type(within(dialog).getByLabelText("Reason"), "Laptop stolen");
    await user.click(within(dialog).getByRole("button", { name: "Suspend" }));

    expect(await screen.findByText("Vic Viewer is suspended")).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "suspend_member")?.body).toEqual({
      p_org_id: fakeOrg.id,
      p_user_id: people.vic.id,
      p_reason: "Laptop stolen",
    });
    await waitFor(() => expect(rowOf("Vic Viewer")).toHaveTextContent("Suspended"));
    await waitFor(() => expect(suspended()).toHaveTextContent("Suspended (2)"));
    // A suspended member is reactivated, not suspended again.
    expect(await rowAction(user, "Vic Viewer", "Reactivate")).toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: "Suspend" })).not.toBeInTheDocument();
  });

  it("reactivates a suspended member with a reason", async () => {
    const { user, org } = await openMembersPage();

    await user.click(await rowAction(user, "Sam Suspended", "Reactivate"));
    const dialog = await screen.findByRole("dialog", { name: "Reactivate Sam Suspended?" });
    await user.type(within(dialog).getByLabelText("Reason"), "Back from leave");
    await user.click(within(dialog).getByRole("button", { name: "Reactivate" }));

    expect(await screen.findByText("Sam Suspended is active again")).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "reactivate_member")?.body).toEqual({
      p_org_id: fakeOrg.id,
      p_user_id: people.sam.id,
      p_reason: "Back from leave",
    });
    await waitFor(() => expect(rowOf("Sam Suspended")).toHaveTextContent("Active"));
  });

  it("removes a member after confirmation and a reason", async () => {
    const { user, org } = await openMembersPage();

    await user.click(await rowAction(user, "Mo Member", "Remove"));
    const dialog = await screen.findByRole("dialog", {
      name: `Remove Mo Member from ${fakeOrg.name}?`,
    });
    expect(dialog).toHaveTextContent("They lose access immediately");
    const submit = within(dialog).getByRole("button", { name: "Remove member" });
    expect(submit).toBeDisabled();

    await user.type(within(dialog).getByLabelText("Reason"), "Left the company");
    await user.click(submit);

    expect(
      await screen.findByText(`Mo Member was removed from ${fakeOrg.name}`),
    ).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "remove_member")?.body).toEqual({
      p_org_id: fakeOrg.id,
      p_user_id: people.mo.id,
      p_reason: "Left the company",
    });
    await waitFor(() => expect(screen.queryByText("Mo Member")).not.toBeInTheDocument());
  });

  it("changes nothing when the dialog is cancelled", async () => {
    const { user, org } = await openMembersPage();

    await user.click(await rowAction(user, "Mo Member", "Remove"));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText("Reason"), "Oops");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(org.calls.filter((call) => call.name === "remove_member")).toEqual([]);
  });

  it("resends an invitation through the invitations function", async () => {
    const { user, org } = await openMembersPage();

    await user.click(await rowAction(user, "ivy@acme.test", "Resend invitation"));

    expect(await screen.findByText("Invitation sent again to ivy@acme.test")).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "invitations")?.body).toEqual({
      action: "resend",
      invitation_id: "inv-ivy",
    });
  });

  it("revokes an invitation after confirmation", async () => {
    const { user, org } = await openMembersPage();

    await user.click(await rowAction(user, "ivy@acme.test", "Revoke invitation"));
    const dialog = await screen.findByRole("dialog", {
      name: "Revoke the invitation to ivy@acme.test?",
    });
    await user.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));

    expect(await screen.findByText("Invitation to ivy@acme.test revoked")).toBeInTheDocument();
    expect(org.calls.find((call) => call.name === "revoke_invitation")?.body).toEqual({
      p_invitation_id: "inv-ivy",
    });
    await waitFor(() => expect(screen.queryByText("ivy@acme.test")).not.toBeInTheDocument());
  });

  it("records activity in the organization when the page opens", async () => {
    const { org } = await openMembersPage();

    await waitFor(() =>
      expect(org.calls.filter((call) => call.name === "touch_membership")).toEqual([
        { name: "touch_membership", body: { p_org_id: fakeOrg.id } },
      ]),
    );
  });
});
