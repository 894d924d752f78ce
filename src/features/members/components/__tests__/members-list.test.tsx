import { screen, waitFor, within } from "@testing-library/react";
import { http } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { fakeOrg, installFakeOrg } from "@/testing/fake-org";
import { server } from "@/testing/server";
import { openMembersPage, rowOf } from "@/testing/members-page";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

/** The rows on screen, in order, by email (the one thing every row shows once). */
function visibleEmails() {
  return screen
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getByText(/@acme\.test$/).textContent);
}

describe("members list", () => {
  it("shows skeletons while loading, then everyone except removed members", async () => {
    installFakeOrg();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Holds the first page; answering nothing passes the request on to the fake org.
    server.use(http.post(`${env.supabaseUrl}/rest/v1/rpc/list_members`, () => held));
    await signInAsTestUser();
    renderApp(`/o/${fakeOrg.slug}/members`);

    expect(await screen.findByText("Loading members…")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    release();
    await screen.findByRole("table", { name: "Members" });

    await waitFor(() =>
      expect(visibleEmails()).toEqual([
        "ada@acme.test",
        "dana@acme.test",
        "fay@acme.test",
        "ivy@acme.test",
        "mo@acme.test",
        "sam@acme.test",
        "vic@acme.test",
      ]),
    );
    expect(screen.getByText("7 people")).toBeInTheDocument();
    expect(screen.queryByText("Rex Removed")).not.toBeInTheDocument();
  });

  it("shows each column: role, status, last active, joined, invited by", async () => {
    await openMembersPage();

    expect(screen.getAllByRole("columnheader").map((header) => header.textContent)).toEqual([
      "Name",
      "Role",
      "Status",
      "Last active",
      "Joined",
      "Invited by",
      "Actions",
    ]);
    const ada = within(rowOf("Ada Admin")).getAllByRole("cell");
    expect(ada[1]).toHaveTextContent("Admin");
    expect(ada[2]).toHaveTextContent("Active");
    expect(ada[3]).toHaveTextContent("2 min ago");
    expect(ada[4]).toHaveTextContent("Jan 5, 2026");
    expect(ada[5]).toHaveTextContent("Dana Owner");
    expect(within(rowOf("Dana Owner")).getAllByRole("cell")[0]).toHaveTextContent("(you)");
    expect(within(rowOf("Mo Member")).getAllByRole("cell")[3]).toHaveTextContent("Never");
  });

  it("shows invitations as Invited with time to expiry, and failed deliveries", async () => {
    await openMembersPage();

    const ivy = rowOf("ivy@acme.test");
    expect(ivy).toHaveTextContent("Invited");
    expect(ivy).toHaveTextContent("Expires in 47 h");
    expect(ivy).not.toHaveTextContent("Delivery failed");
    expect(rowOf("fay@acme.test")).toHaveTextContent("Delivery failed");
    expect(rowOf("Sam Suspended")).toHaveTextContent("Suspended");
  });

  it("shows removed members only behind the toggle", async () => {
    const { user } = await openMembersPage();

    await user.click(screen.getByRole("switch", { name: "Show removed" }));

    expect(await screen.findByText("Rex Removed")).toBeInTheDocument();
    expect(rowOf("Rex Removed")).toHaveTextContent("Removed");
    expect(await screen.findByText("8 people")).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "removed");
    await waitFor(() => expect(visibleEmails()).toEqual(["rex@acme.test"]));
    expect(await screen.findByText("Showing 1 of 8")).toBeInTheDocument();
  });

  it("searches by name or email", async () => {
    const { user } = await openMembersPage();

    await user.type(screen.getByRole("searchbox", { name: "Search by name or email" }), "VIC");
    await waitFor(() => expect(visibleEmails()).toEqual(["vic@acme.test"]));

    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "ivy@");
    await waitFor(() => expect(visibleEmails()).toEqual(["ivy@acme.test"]));
    // Out of the people the list counts (removed ones hidden): the same 7 as "7 people".
    expect(await screen.findByText("Showing 1 of 7")).toBeInTheDocument();
  });

  it("filters by role and status", async () => {
    const { user } = await openMembersPage();

    await user.selectOptions(screen.getByRole("combobox", { name: "Role" }), "member");
    await waitFor(() =>
      expect(visibleEmails()).toEqual(["fay@acme.test", "mo@acme.test", "sam@acme.test"]),
    );

    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "invited");
    await waitFor(() => expect(visibleEmails()).toEqual(["fay@acme.test"]));
  });

  it("sorts by role and by last active", async () => {
    const { user } = await openMembersPage();

    await user.selectOptions(screen.getByRole("combobox", { name: "Sort by" }), "role");
    await waitFor(() =>
      expect(visibleEmails().slice(0, 2)).toEqual(["dana@acme.test", "ada@acme.test"]),
    );

    await user.selectOptions(screen.getByRole("combobox", { name: "Sort by" }), "last-active");
    await waitFor(() =>
      expect(visibleEmails().slice(0, 3)).toEqual([
        "dana@acme.test",
        "ada@acme.test",
        "vic@acme.test",
      ]),
    );
  });

  it("says so when a status has nobody, and offers to clear the filters", async () => {
    const { user } = await openMembersPage();

    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "suspended");
    await waitFor(() => expect(visibleEmails()).toEqual(["sam@acme.test"]));
    await user.selectOptions(screen.getByRole("combobox", { name: "Role" }), "viewer");

    expect(await screen.findByText("No suspended members")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Clear search and filters" }));
    expect(await screen.findByRole("table", { name: "Members" })).toBeInTheDocument();
  });

  it("keeps the view in the URL, and opens on the view a URL names", async () => {
    installFakeOrg();
    await signInAsTestUser();
    const { user, router } = renderApp(`/o/${fakeOrg.slug}/members?q=acme.test&role=member`);

    await waitFor(() =>
      expect(visibleEmails()).toEqual(["fay@acme.test", "mo@acme.test", "sam@acme.test"]),
    );
    expect(screen.getByRole("searchbox")).toHaveValue("acme.test");
    expect(screen.getByRole("combobox", { name: "Role" })).toHaveValue("member");

    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "suspended");
    await user.selectOptions(screen.getByRole("combobox", { name: "Sort by" }), "joined");
    await waitFor(() => expect(visibleEmails()).toEqual(["sam@acme.test"]));
    expect(router.state.location.search).toBe(
      "?q=acme.test&role=member&status=suspended&sort=joined",
    );
  });

  it("counts each status for the search and role beside the status filter", async () => {
    const { user } = await openMembersPage();
    const options = () =>
      within(screen.getByRole("combobox", { name: "Status" }))
        .getAllByRole("option")
        .map((option) => option.textContent);

    await waitFor(() =>
      expect(options()).toEqual(["All statuses", "Active (4)", "Invited (2)", "Suspended (1)"]),
    );
    await user.selectOptions(screen.getByRole("combobox", { name: "Role" }), "member");
    await waitFor(() =>
      expect(options()).toEqual(["All statuses", "Active (1)", "Invited (1)", "Suspended (1)"]),
    );
    expect(await screen.findByText("Showing 3 of 7")).toBeInTheDocument();
  });

  it("explains a search that matches nobody", async () => {
    const { user } = await openMembersPage();

    await user.type(screen.getByRole("searchbox"), "zelda");

    expect(await screen.findByText("No one matches “zelda”")).toBeInTheDocument();
  });
});
