import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import type { OrgRole } from "@/lib/roles";
import { fakeOrg, installFakeOrg, postgrestError, type RecordedCall } from "@/testing/fake-org";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const rest = `${env.supabaseUrl}/rest/v1`;

/** The organization row and the settings RPCs, answering like the server and recording calls. */
function installOrganization() {
  const calls: RecordedCall[] = [];
  const row = {
    id: fakeOrg.id,
    name: fakeOrg.name,
    legal_name: "Acme Clinic LLC",
    description: "Dental care in Tehran.",
    created_at: "2025-03-04T10:00:00Z",
    invitation_lifetime_hours: 48,
  };
  const record = async (name: string, request: Request) => {
    const body = (await request.json()) as Record<string, unknown>;
    calls.push({ name, body });
    return body;
  };
  server.use(
    http.post(`${rest}/rpc/get_organization_settings`, () => HttpResponse.json(row)),
    http.post(`${rest}/rpc/update_organization`, async ({ request }) => {
      const body = await record("update_organization", request);
      if (typeof body.p_name === "string") row.name = body.p_name;
      if (typeof body.p_invitation_lifetime_hours === "number") {
        row.invitation_lifetime_hours = body.p_invitation_lifetime_hours;
      }
      return HttpResponse.json(row);
    }),
    http.post(`${rest}/rpc/leave_organization`, async ({ request }) => {
      await record("leave_organization", request);
      return HttpResponse.json(null);
    }),
    http.post(`${rest}/rpc/delete_organization`, async ({ request }) => {
      await record("delete_organization", request);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return calls;
}

async function openSettings(role: OrgRole) {
  installFakeOrg({ role });
  const calls = installOrganization();
  await signInAsTestUser();
  const view = renderApp(`/o/${fakeOrg.slug}/settings`);
  await screen.findByRole("heading", { name: "Settings" });
  return { ...view, calls };
}

function card(title: string): HTMLElement {
  const heading = screen.getByRole("heading", { name: title });
  const element = heading.closest<HTMLElement>('[data-slot="card"]');
  if (!element) throw new Error(`no card ${title}`);
  return element;
}

describe("team information", () => {
  it("lets an owner edit, and sends only what changed", async () => {
    const { user, calls } = await openSettings("owner");

    const name = await screen.findByLabelText("Name");
    expect(name).toHaveValue("Acme Clinic");
    expect(screen.getByLabelText(/Legal name/)).toHaveValue("Acme Clinic LLC");
    expect(screen.getByLabelText(/Description/)).toHaveValue("Dental care in Tehran.");
    expect(screen.getByLabelText("Invitation lifetime (hours)")).toHaveValue(48);
    expect(card("Team information")).toHaveTextContent("Created Mar 4, 2025.");
    const save = screen.getByRole("button", { name: "Save changes" });
    expect(save).toBeDisabled();

    await user.clear(name);
    await user.type(name, "Acme Dental");
    await user.clear(screen.getByLabelText("Invitation lifetime (hours)"));
    await user.type(screen.getByLabelText("Invitation lifetime (hours)"), "72");
    await user.click(save);

    expect(await screen.findByText("Team information saved")).toBeInTheDocument();
    expect(calls).toEqual([
      {
        name: "update_organization",
        body: { p_org_id: fakeOrg.id, p_name: "Acme Dental", p_invitation_lifetime_hours: 72 },
      },
    ]);
  });

  it.each(["0", "721", "1.5"])("refuses an invitation lifetime of %s hours", async (hours) => {
    const { user } = await openSettings("admin");

    const lifetime = await screen.findByLabelText("Invitation lifetime (hours)");
    await user.clear(lifetime);
    await user.type(lifetime, hours);

    expect(lifetime).toHaveAttribute("aria-invalid", "true");
    expect(
      screen.getByText("Enter a whole number of hours from 1 to 720 (30 days)."),
    ).toBeVisible();
    expect(screen.getByRole("button", { name: "Save changes" })).toBeDisabled();
  });

  it.each([
    [403, "42501", "forbidden", "You don't have permission to do that."],
    [400, "22023", "invalid_input", "Some of the details aren't valid. Check them and try again."],
  ] as const)("shows a %i %s %s refusal in words", async (status, code, hint, message) => {
    const { user } = await openSettings("admin");
    server.use(
      http.post(`${rest}/rpc/update_organization`, () => postgrestError(status, code, hint)),
    );

    await user.type(await screen.findByLabelText(/Legal name/), " Inc");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await within(card("Team information")).findByRole("alert")).toHaveTextContent(message);
  });

  it("shows a member without settings.read only the name and address, and says why", async () => {
    const { calls } = await openSettings("member");

    const team = card("Team information");
    expect(team).toHaveTextContent("NameAcme Clinic");
    expect(team).toHaveTextContent(`Address/o/${fakeOrg.slug}`);
    expect(team).toHaveTextContent("Your role doesn't include the settings.read permission");
    expect(team).not.toHaveTextContent("Acme Clinic LLC");
    expect(calls).toEqual([]);
    expect(within(team).queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Ownership" })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Delete organization" })).not.toBeInTheDocument();
  });

  it("shows a role granted settings.read the details without a form", async () => {
    installFakeOrg({ role: "viewer", permissions: { viewer: ["audit.read", "settings.read"] } });
    installOrganization();
    await signInAsTestUser();
    renderApp(`/o/${fakeOrg.slug}/settings`);

    const team = await screen.findByRole("heading", { name: "Team information" });
    const element = team.closest<HTMLElement>('[data-slot="card"]')!;
    await within(element).findByText("Acme Clinic LLC");
    expect(element).toHaveTextContent("Your role can read these details but not change them.");
    expect(element).toHaveTextContent("Invitation lifetime48 hours");
    expect(within(element).queryByRole("textbox")).not.toBeInTheDocument();
  });
});

describe("leaving", () => {
  it("is not offered to the owner, who is told why", async () => {
    await openSettings("owner");

    const leave = card("Leave organization");
    expect(leave).toHaveTextContent(
      "You're the owner, so you can't leave Acme Clinic: an organization always needs an owner. Transfer ownership to another member first, or delete the organization.",
    );
    expect(within(leave).queryByRole("button")).not.toBeInTheDocument();
  });

  it("lets a member leave after confirming, and takes them home", async () => {
    const { user, router, calls } = await openSettings("member");

    await user.click(screen.getByRole("button", { name: "Leave organization" }));
    const dialog = await screen.findByRole("dialog", { name: "Leave Acme Clinic?" });
    await user.click(within(dialog).getByRole("button", { name: "Leave Acme Clinic" }));

    expect(await screen.findByText("You left Acme Clinic")).toBeInTheDocument();
    expect(calls).toEqual([{ name: "leave_organization", body: { p_org_id: fakeOrg.id } }]);
    await waitFor(() => expect(router.state.location.pathname).not.toMatch(/settings/));
  });

  it("keeps the dialog open with the reason when leaving is refused", async () => {
    const { user } = await openSettings("admin");
    server.use(
      http.post(`${rest}/rpc/leave_organization`, () => postgrestError(400, "P0001", "last_owner")),
    );

    await user.click(screen.getByRole("button", { name: "Leave organization" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Leave Acme Clinic" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "An organization must always have an owner. Transfer ownership first.",
    );
  });
});

describe("deleting", () => {
  it("is only for the owner", async () => {
    await openSettings("admin");

    await screen.findByRole("heading", { name: "Leave organization" });
    expect(screen.queryByRole("heading", { name: "Delete organization" })).not.toBeInTheDocument();
  });

  it("asks the owner to type the exact name, then deletes and takes them home", async () => {
    const { user, router, calls } = await openSettings("owner");

    await user.click(within(card("Delete organization")).getByRole("button"));
    const dialog = await screen.findByRole("dialog", { name: "Delete Acme Clinic?" });
    const confirm = within(dialog).getByLabelText("Type Acme Clinic to confirm");
    const submit = within(dialog).getByRole("button", { name: "Delete organization" });
    await user.type(confirm, "acme clinic");
    expect(submit).toBeDisabled();
    await user.clear(confirm);
    await user.type(confirm, "Acme Clinic");
    await user.click(submit);

    expect(await screen.findByText("Acme Clinic was deleted")).toBeInTheDocument();
    expect(calls).toEqual([
      {
        name: "delete_organization",
        body: { p_org_id: fakeOrg.id, p_confirm_name: "Acme Clinic" },
      },
    ]);
    await waitFor(() => expect(router.state.location.pathname).not.toMatch(/settings/));
  });

  it.each([
    [
      400,
      "P0001",
      "confirmation_mismatch",
      "The confirmation doesn't match. Type the organization name exactly.",
    ],
    [403, "42501", "forbidden", "You don't have permission to do that."],
  ] as const)("shows a %i %s %s refusal in the dialog", async (status, code, hint, message) => {
    const { user, router } = await openSettings("owner");
    server.use(
      http.post(`${rest}/rpc/delete_organization`, () => postgrestError(status, code, hint)),
    );

    await user.click(within(card("Delete organization")).getByRole("button"));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText("Type Acme Clinic to confirm"), "Acme Clinic");
    await user.click(within(dialog).getByRole("button", { name: "Delete organization" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
    expect(router.state.location.pathname).toBe(`/o/${fakeOrg.slug}/settings`);
  });
});
