import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeOrg, installFakeOrg, otherOrg } from "@/testing/fake-org";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";
import { usePreferences } from "@/stores/preferences";

async function openApp(path: string, options?: Parameters<typeof installFakeOrg>[0]) {
  installFakeOrg(options);
  await signInAsTestUser();
  return renderApp(path);
}

function navLinks() {
  const nav = screen.queryByRole("navigation", { name: `${fakeOrg.name} sections` });
  return nav
    ? within(nav)
        .getAllByRole("link")
        .map((link) => link.textContent)
    : [];
}

describe("app shell", () => {
  it("shows an owner every section, and opens the organization on Members", async () => {
    const { router } = await openApp(`/o/${fakeOrg.slug}`);

    await waitFor(() => expect(router.state.location.pathname).toBe("/o/acme/members"));
    expect(navLinks()).toEqual(["Members", "Roles", "Audit log", "Settings"]);
    expect(await screen.findByRole("heading", { name: "Members" })).toBeInTheDocument();
  });

  it("shows a viewer the audit log, because that is all their role may read, and Settings", async () => {
    const { router } = await openApp(`/o/${fakeOrg.slug}`, { role: "viewer" });

    await waitFor(() => expect(router.state.location.pathname).toBe("/o/acme/audit"));
    expect(navLinks()).toEqual(["Audit log", "Workspace", "Settings"]);
  });

  it("opens the Workspace for a member, and Settings, where every member can read the team information and leave", async () => {
    const { router } = await openApp(`/o/${fakeOrg.slug}`, { role: "member" });

    await waitFor(() => expect(router.state.location.pathname).toBe("/o/acme/workspace"));
    expect(navLinks()).toEqual(["Workspace", "Settings"]);
  });

  it("lists the user's organizations with their role, and switches between them", async () => {
    const { user, router } = await openApp(`/o/${fakeOrg.slug}/members`, {
      alsoMemberOf: [{ org: otherOrg, role: "viewer" }],
    });

    await user.click(await screen.findByRole("button", { name: /switch organization/ }));
    const menu = await screen.findByRole("menu");
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((item) => item.textContent),
    ).toEqual([`${fakeOrg.name}Owner`, `${otherOrg.name}Viewer`, "Create organization"]);

    await user.click(within(menu).getByRole("menuitem", { name: /Northwind/ }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/o\/northwind/));
    // The switcher names the new organization once its membership has loaded.
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /switch organization/ })).toHaveTextContent(
        otherOrg.name,
      ),
    );
  });

  it("returns to the organization used last", async () => {
    usePreferences.setState({ lastOrgSlug: otherOrg.slug });
    const { router } = await openApp("/", {
      alsoMemberOf: [{ org: otherOrg, role: "admin" }],
    });

    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/o\/northwind/));
  });

  it("remembers the organization opened", async () => {
    await openApp(`/o/${fakeOrg.slug}/members`);

    await screen.findByRole("heading", { name: "Members" });
    expect(usePreferences.getState().lastOrgSlug).toBe(fakeOrg.slug);
  });

  it("says when the organization in the URL is not one of the user's", async () => {
    await openApp("/o/someone-else/members");

    expect(
      await screen.findByRole("heading", { name: "Organization not found" }),
    ).toBeInTheDocument();
  });
});
