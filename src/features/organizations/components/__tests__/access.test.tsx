import { focusManager } from "@tanstack/react-query";
import { act, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import {
  accessRow,
  fakeOrg,
  installFakeOrg,
  otherOrg,
  postgrestError,
  type RecordedCall,
} from "@/testing/fake-org";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const rest = `${env.supabaseUrl}/rest/v1`;

async function openApp(path: string, options?: Parameters<typeof installFakeOrg>[0]) {
  const state = installFakeOrg(options);
  await signInAsTestUser();
  return { ...renderApp(path), state };
}

describe("losing access, explained", () => {
  it("an org URL the user was suspended from says so, with the date and a way forward", async () => {
    await openApp(`/o/${otherOrg.slug}`, {
      lostAccess: [accessRow(otherOrg, "suspended", { suspended_at: "2026-03-02T09:00:00Z" })],
    });

    expect(
      await screen.findByRole("heading", {
        name: "Your access to Northwind was suspended on Mar 2, 2026",
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Ask the owner or an admin of Northwind to reactivate you/),
    ).toBeVisible();
    const nav = screen.getByRole("navigation", { name: "Your organizations" });
    expect(within(nav).getByRole("link", { name: fakeOrg.name })).toHaveAttribute(
      "href",
      `/o/${fakeOrg.slug}`,
    );
    expect(screen.queryByText("Organization not found")).not.toBeInTheDocument();
  });

  it("a removed member is told they were removed; an unknown address is still not found", async () => {
    const { router } = await openApp(`/o/${otherOrg.slug}`, {
      lostAccess: [accessRow(otherOrg, "removed")],
    });
    expect(
      await screen.findByRole("heading", {
        name: "You were removed from Northwind on Mar 2, 2026",
      }),
    ).toBeInTheDocument();

    await router.navigate("/o/nowhere");
    expect(await screen.findByRole("heading", { name: "Organization not found" })).toBeVisible();
  });

  it("mid-session: a refused read refreshes the membership; the audit page explains the suspension, not a broken chain", async () => {
    let suspended = false;
    installFakeOrg({ role: "admin" });
    server.use(
      http.get(`${rest}/my_memberships`, () => (suspended ? HttpResponse.json([]) : undefined)),
      http.post(`${rest}/rpc/my_access`, () =>
        HttpResponse.json([accessRow(fakeOrg, "suspended", { role: "admin" })]),
      ),
      http.get(`${rest}/audit_events`, () => HttpResponse.json([])),
      // the owner suspended the user between two requests: the server now refuses
      http.post(`${rest}/rpc/verify_audit_chain`, () => {
        suspended = true;
        return postgrestError(404, "PT404", "not_found");
      }),
    );
    await signInAsTestUser();
    renderApp(`/o/${fakeOrg.slug}/audit`);

    expect(
      await screen.findByRole("heading", { name: /Your access to Acme Clinic was suspended on/ }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/integrity/i)).not.toBeInTheDocument();
    expect(screen.queryByText("No events yet")).not.toBeInTheDocument();
  });

  it("a suspended person with no other organization is told why on the home page", async () => {
    server.use(http.get(`${rest}/my_memberships`, () => HttpResponse.json([])));
    await openApp("/", { lostAccess: [accessRow(otherOrg, "suspended")] });
    server.use(
      http.get(`${rest}/my_memberships`, () => HttpResponse.json([])),
      http.post(`${rest}/rpc/my_access`, () =>
        HttpResponse.json([accessRow(otherOrg, "suspended")]),
      ),
    );

    expect(
      await screen.findByText("Your access to Northwind was suspended on Mar 2, 2026"),
    ).toBeInTheDocument();
    expect(screen.queryByText(/not an active member of any organization/)).not.toBeInTheDocument();
  });
});

describe("pages the role may not use", () => {
  it("a viewer typing the members URL sees which permission it needs and who grants it", async () => {
    await openApp(`/o/${fakeOrg.slug}/members`, { role: "viewer" });

    expect(
      await screen.findByRole("heading", { name: "You don't have access to Members" }),
    ).toBeInTheDocument();
    const main = screen.getByRole("main");
    expect(main).toHaveTextContent(
      "Members needs the members.read permission (view members and invitations). Your role in Acme Clinic, Viewer, doesn't include it.",
    );
    expect(main).toHaveTextContent("The owner or an admin of Acme Clinic can give you a role");
    expect(within(main).getByRole("link", { name: "Go to Audit log" })).toHaveAttribute(
      "href",
      `/o/${fakeOrg.slug}/audit`,
    );
    expect(screen.queryByText(/No members yet|0 people/)).not.toBeInTheDocument();
  });
});

describe("stale permissions", () => {
  it("a role changed by someone else shows a notice, and the page follows the new role", async () => {
    let role = "admin";
    await openApp(`/o/${fakeOrg.slug}/members`, { role: "admin" });
    await screen.findByRole("heading", { name: "Members" });
    server.use(
      http.get(`${rest}/my_memberships`, () =>
        HttpResponse.json([
          {
            org_id: fakeOrg.id,
            org_slug: fakeOrg.slug,
            org_name: fakeOrg.name,
            role,
            is_personal: false,
          },
        ]),
      ),
    );
    role = "viewer";
    // the window loses and regains focus
    act(() => focusManager.setFocused(false));
    act(() => focusManager.setFocused(true));

    await waitFor(
      () => expect(document.body).toHaveTextContent("Your role in Acme Clinic is now Viewer."),
      { timeout: 3000 },
    );
    expect(
      await screen.findByRole("heading", { name: "You don't have access to Members" }),
    ).toBeInTheDocument();
    focusManager.setFocused(undefined);
  });
});

describe("invitations waiting for the user", () => {
  const invitation = {
    id: "inv-north",
    org_id: otherOrg.id,
    org_slug: otherOrg.slug,
    org_name: otherOrg.name,
    role: "viewer" as const,
    invited_by_name: "Nora North",
    created_at: "2026-03-01T09:00:00Z",
    expires_at: new Date(Date.now() + 40 * 3_600_000).toISOString(),
  };

  function recordAnswers() {
    const calls: RecordedCall[] = [];
    for (const name of ["accept_invitation_by_id", "decline_invitation_by_id"]) {
      server.use(
        http.post(`${rest}/rpc/${name}`, async ({ request }) => {
          calls.push({ name, body: (await request.json()) as Record<string, unknown> });
          return HttpResponse.json(
            name.startsWith("accept") ? { org_id: otherOrg.id, role: "viewer" } : null,
          );
        }),
      );
    }
    return calls;
  }

  it("the home page lists them with Accept and Decline instead of jumping into an organization", async () => {
    const { user, router } = await openApp("/", { invitationsForMe: [invitation] });
    const calls = recordAnswers();

    expect(
      await screen.findByText("Nora North invited you to join Northwind as Viewer"),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/");
    await user.click(screen.getByRole("button", { name: "Accept the invitation to Northwind" }));

    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/o\/northwind/));
    expect(calls).toEqual([
      { name: "accept_invitation_by_id", body: { p_invitation_id: "inv-north" } },
    ]);
    expect(await screen.findByText("You joined Northwind as Viewer.")).toBeInTheDocument();
  });

  it("the org switcher shows them and declines right there", async () => {
    const { user } = await openApp(`/o/${fakeOrg.slug}/members`, {
      invitationsForMe: [invitation],
    });
    const calls = recordAnswers();

    await screen.findByRole("heading", { name: "Members" });
    const trigger = await screen.findByRole("button", { name: /switch organization/ });
    await waitFor(() => expect(trigger).toHaveTextContent(/1 invitation waiting/));
    await user.click(trigger);
    const menu = await screen.findByRole("menu");
    expect(within(menu).getByRole("menuitem", { name: "Join Northwind as Viewer" })).toBeVisible();
    await user.click(within(menu).getByRole("menuitem", { name: "Decline Northwind" }));

    expect(
      await screen.findByText("You declined the invitation to Northwind."),
    ).toBeInTheDocument();
    expect(calls).toEqual([
      { name: "decline_invitation_by_id", body: { p_invitation_id: "inv-north" } },
    ]);
  });
});
