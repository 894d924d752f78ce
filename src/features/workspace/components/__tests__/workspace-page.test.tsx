import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { defaultPermissions, fakeOrg, installFakeOrg } from "@/testing/fake-org";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const rest = `${env.supabaseUrl}/rest/v1`;
const cyrus = {
  id: "c-1",
  name: "Cyrus Client",
  email: "cyrus@acme.test",
  phone: null,
  notes: null,
};

/** The member's Workspace over a fake customers table; `patched` lists every update's body. */
async function openWorkspace(options: { updateRefused?: boolean } = {}) {
  const org = installFakeOrg({
    role: "member",
    permissions: { member: [...defaultPermissions.member, "conversations.read"] },
  });
  const patched: unknown[] = [];
  let permissionReads = 0;
  server.use(
    http.get(`${rest}/customers`, () => HttpResponse.json([cyrus])),
    http.get(`${rest}/conversations`, () => HttpResponse.json([])),
    // Postgres answers an update that RLS filters out with no rows and no error.
    http.patch(`${rest}/customers`, async ({ request }) => {
      patched.push(await request.json());
      return HttpResponse.json(options.updateRefused ? [] : [{ id: cyrus.id }]);
    }),
    http.get(`${rest}/role_permissions`, () => {
      permissionReads += 1;
      return HttpResponse.json(
        [...defaultPermissions.member, "conversations.read"].map((permission) => ({ permission })),
      );
    }),
  );
  await signInAsTestUser();
  const view = renderApp(`/o/${fakeOrg.slug}/workspace`);
  await screen.findByRole("cell", { name: "Cyrus Client" });
  return { ...view, org, patched, permissionReads: () => permissionReads };
}

describe("Workspace page", () => {
  it("saves an edited customer with only the changed table's columns", async () => {
    const { user, patched } = await openWorkspace();
    await user.click(screen.getByRole("button", { name: "Edit Cyrus Client" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Cyrus Client" });
    await user.type(within(dialog).getByLabelText("Phone"), "+98 21 5555");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Customer saved")).toBeInTheDocument();
    expect(patched).toEqual([
      { name: "Cyrus Client", email: "cyrus@acme.test", phone: "+98 21 5555", notes: null },
    ]);
  });

  it("says a save the database filtered out was refused, and refetches the user's access", async () => {
    const { user, permissionReads } = await openWorkspace({ updateRefused: true });
    const readsBefore = permissionReads();
    await user.click(screen.getByRole("button", { name: "Edit Cyrus Client" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Cyrus Client" });
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await within(dialog).findByText("You don't have permission to do that.")).toBeVisible();
    expect(dialog).toBeInTheDocument();
    await expect.poll(permissionReads).toBeGreaterThan(readsBefore);
  });
});
