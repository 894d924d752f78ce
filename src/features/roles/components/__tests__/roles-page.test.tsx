import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { defaultPermissions, fakeOrg, installFakeOrg, postgrestError } from "@/testing/fake-org";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";
import type { OrgRole } from "@/lib/roles";

const rest = `${env.supabaseUrl}/rest/v1`;

const catalog = [
  ["members.read", "members", "View members and invitations", false],
  ["members.invite", "members", "Invite, resend and revoke invitations", false],
  ["members.manage", "members", "Change roles, suspend, reactivate and remove members", false],
  ["audit.read", "audit", "Read the audit log", false],
  ["audit.export", "audit", "Export the audit log", false],
  ["customers.read", "customers", "View customers", false],
  ["customers.write", "customers", "Create and edit customers", false],
  ["settings.read", "settings", "View business settings", false],
  ["settings.write", "settings", "Edit business settings", false],
  ["permissions.manage", "organization", "Edit the permission matrix", true],
].map(([key, area, description, owner_only]) => ({ key, area, description, owner_only }));

type Matrix = Record<OrgRole, string[]>;

/** The catalog, the whole matrix, member counts and set_role_permissions, on top of the fake org. */
function installFakeMatrix(matrix: Matrix = structuredClone(defaultPermissions)) {
  const saved: Record<string, unknown>[] = [];
  const counts: URL[] = [];
  server.use(
    http.get(`${rest}/permissions`, () => HttpResponse.json(catalog)),
    // The navigation asks for one role (role=eq.…): left to the fake org.
    http.get(`${rest}/role_permissions`, ({ request }) => {
      if (new URL(request.url).searchParams.has("role")) return undefined;
      return HttpResponse.json(
        Object.entries(matrix).flatMap(([role, keys]) =>
          keys.map((permission) => ({ role, permission })),
        ),
      );
    }),
    http.head(`${rest}/member_directory`, ({ request }) => {
      counts.push(new URL(request.url));
      return new HttpResponse(null, { headers: { "content-range": "*/3" } });
    }),
    http.post(`${rest}/rpc/set_role_permissions`, async ({ request }) => {
      const body = (await request.json()) as { p_role: OrgRole; p_permissions: string[] };
      saved.push(body);
      matrix[body.p_role] = body.p_permissions;
      return HttpResponse.json(body.p_permissions);
    }),
  );
  return { saved, counts, matrix };
}

async function openRolesPage(role: OrgRole = "owner", matrix?: Matrix) {
  installFakeOrg({ role });
  const fake = installFakeMatrix(matrix);
  await signInAsTestUser();
  const view = renderApp(`/o/${fakeOrg.slug}/roles`);
  await screen.findByRole("table", { name: "Permission matrix" });
  return { ...view, ...fake };
}

/** The level shown for `area` in each column: Owner, Admin, Member, Viewer. */
function levels(area: string) {
  const table = screen.getByRole("table", { name: "Permission matrix" });
  const row = within(table).getByRole("row", { name: new RegExp(`^${area}`) });
  return within(row)
    .getAllByRole("cell")
    .map((cell) => cell.textContent);
}

describe("roles page", () => {
  it("shows a skeleton, then the organization's own matrix by area", async () => {
    installFakeOrg();
    const matrix = structuredClone(defaultPermissions);
    // This organization lets viewers invite but not see members: shown as partial.
    matrix.viewer = [...matrix.viewer, "members.invite"];
    installFakeMatrix(matrix);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server.use(http.get(`${rest}/permissions`, () => held));
    await signInAsTestUser();
    renderApp(`/o/${fakeOrg.slug}/roles`);

    expect(await screen.findByText("Loading the permission matrix…")).toBeInTheDocument();
    release();
    await screen.findByRole("table", { name: "Permission matrix" });
    expect(levels("Audit log")).toEqual(["Full", "Full", "No access", "Read only"]);
    expect(levels("Customers")).toEqual(["No access", "No access", "Full", "Read only"]);
    expect(levels("Members")).toEqual([
      "Full",
      "Full",
      "No access",
      "PartialInvite, resend and revoke invitations",
    ]);
  });

  it("is read-only for anyone but the owner", async () => {
    await openRolesPage("admin");

    expect(screen.getByText("Only the owner can change the matrix.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Edit / })).not.toBeInTheDocument();
  });

  it("previews which pages and actions a role has", async () => {
    const { user } = await openRolesPage();

    await user.selectOptions(screen.getByLabelText("Preview role"), "viewer");
    const pages = screen.getByRole("list", { name: "Pages a Viewer sees" });
    expect(
      within(pages)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([
      "Members (not allowed)",
      "Roles (not allowed)",
      "Audit log (allowed)",
      "Workspace (allowed)",
      "Settings (allowed)",
    ]);
    const actions = screen.getByRole("list", { name: "Actions a Viewer can take" });
    expect(within(actions).getByText("Read the audit log")).toHaveTextContent("(allowed)");
    expect(within(actions).getByText("Export the audit log")).toHaveTextContent("(not allowed)");
  });

  it("lets the owner edit a role, states the changes and whom they affect, then saves once", async () => {
    const { user, saved, counts } = await openRolesPage();

    expect(
      screen.queryByRole("button", { name: "Edit Owner permissions" }),
    ).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Edit Admin permissions" }));
    expect(screen.getByText("Owner only")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Admin: Audit log"), "read");
    await user.selectOptions(screen.getByLabelText("Admin: Customers"), "full");
    expect(screen.getByText("Editing Admin: 2 areas changed")).toBeInTheDocument();
    // The preview follows the draft.
    expect(screen.getByText("Including your unsaved changes.")).toBeInTheDocument();
    expect(
      within(screen.getByRole("list", { name: "Actions an Admin can take" })).getByText(
        "Export the audit log",
      ),
    ).toHaveTextContent("(not allowed)");

    await user.click(screen.getByRole("button", { name: "Review changes" }));
    const dialog = await screen.findByRole("dialog", { name: "Save Admin permissions?" });
    const changes = within(dialog).getByRole("list", { name: "Changes" });
    expect(
      within(changes)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([
      "Audit log: Full→toRead onlyLoses: Export the audit log",
      "Customers: No access→toFullGains: View customers, Create and edit customers",
    ]);
    expect(
      await within(dialog).findByText(
        "Affects 3 active members with the Admin role, on their next request.",
      ),
    ).toBeInTheDocument();
    expect(Object.fromEntries(counts[0]!.searchParams)).toMatchObject({
      org_id: `eq.${fakeOrg.id}`,
      role: "eq.admin",
      status: "eq.active",
    });

    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Admin permissions saved")).toBeInTheDocument();
    expect(saved).toEqual([
      {
        p_org_id: fakeOrg.id,
        p_role: "admin",
        p_permissions: [
          "audit.read",
          "customers.read",
          "customers.write",
          "members.invite",
          "members.manage",
          "members.read",
          "settings.read",
          "settings.write",
        ],
      },
    ]);
    await waitFor(() =>
      expect(levels("Audit log")).toEqual(["Full", "Read only", "No access", "Read only"]),
    );
    expect(screen.queryByRole("button", { name: "Review changes" })).not.toBeInTheDocument();
  });

  it("in single-permission mode, lets admins invite but not change roles, with the same review", async () => {
    const { user, saved } = await openRolesPage();

    await user.click(screen.getByRole("button", { name: "Edit Admin permissions" }));
    await user.click(screen.getByRole("switch", { name: "Single permissions" }));
    const members = screen.getByRole("group", { name: "Admin: Members" });
    expect(
      within(members).getByRole("checkbox", { name: "View members and invitations" }),
    ).toBeChecked();
    await user.click(
      within(members).getByRole("checkbox", {
        name: "Change roles, suspend, reactivate and remove members",
      }),
    );
    expect(screen.getByText("Editing Admin: 1 area changed")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Review changes" }));
    const dialog = await screen.findByRole("dialog", { name: "Save Admin permissions?" });
    expect(within(dialog).getByRole("list", { name: "Changes" })).toHaveTextContent(
      "Members: Full→toPartialLoses: Change roles, suspend, reactivate and remove members",
    );
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Admin permissions saved")).toBeInTheDocument();
    expect(saved[0]?.p_permissions).toContain("members.invite");
    expect(saved[0]?.p_permissions).not.toContain("members.manage");
    // The matrix shows what the role holds in that area.
    await waitFor(() =>
      expect(levels("Members")[1]).toBe(
        "PartialView members and invitations, Invite, resend and revoke invitations",
      ),
    );
  });

  it("tells a phone user that the matrix scrolls sideways, and lets the keyboard scroll it", async () => {
    await openRolesPage();

    const region = screen.getByRole("region", { name: "Permission matrix, scrollable" });
    expect(region).toHaveAttribute("tabindex", "0");
    expect(region).toHaveAccessibleDescription("Scroll sideways to see every role.");
  });

  it("does nothing until something changes, and cancels without saving", async () => {
    const { user, saved } = await openRolesPage();

    await user.click(screen.getByRole("button", { name: "Edit Viewer permissions" }));
    expect(screen.getByRole("button", { name: "Review changes" })).toBeDisabled();
    await user.selectOptions(screen.getByLabelText("Viewer: Audit log"), "none");
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    expect(levels("Audit log")).toEqual(["Full", "Full", "No access", "Read only"]);
    expect(saved).toEqual([]);
  });

  it.each([
    [403, "42501", "forbidden", "You don't have permission to do that."],
    [
      403,
      "42501",
      "role_too_high",
      "You can only manage members, and assign roles, ranked below your own.",
    ],
    [400, "22023", "invalid_input", "Some of the details aren't valid. Check them and try again."],
    [404, "PT404", "not_found", "We couldn't find that. It may have been removed."],
  ] as const)(
    "keeps the dialog open with the message on %i %s %s",
    async (status, code, hint, message) => {
      const { user } = await openRolesPage();
      server.use(
        http.post(`${rest}/rpc/set_role_permissions`, () => postgrestError(status, code, hint)),
      );

      await user.click(screen.getByRole("button", { name: "Edit Member permissions" }));
      await user.selectOptions(screen.getByLabelText("Member: Audit log"), "read");
      await user.click(screen.getByRole("button", { name: "Review changes" }));
      const dialog = await screen.findByRole("dialog");
      await user.click(within(dialog).getByRole("button", { name: "Save changes" }));

      expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
      expect(within(dialog).getByRole("button", { name: "Save changes" })).toBeEnabled();
    },
  );

  it("explains a matrix that can't be read, and retries", async () => {
    installFakeOrg();
    installFakeMatrix();
    let refuse = true;
    server.use(
      http.get(`${rest}/permissions`, () =>
        refuse ? postgrestError(403, "42501", "forbidden") : undefined,
      ),
    );
    await signInAsTestUser();
    const { user } = renderApp(`/o/${fakeOrg.slug}/roles`);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Couldn't load the permission matrix");
    expect(alert).toHaveTextContent("You don't have permission to do that.");
    refuse = false;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("table", { name: "Permission matrix" })).toBeInTheDocument();
  });
});
