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

const zelda = { id: "c-2", name: "Zelda Zhou" };
const writer = [...defaultPermissions.member, "conversations.read", "conversations.write"];

/**
 * A member who may open conversations, in an org with more customers than the first page holds:
 * the customers list serves `page`, a name search (`name=ilike.…`) every customer matching it.
 * `searches` lists each search's URL, `opened` each new conversation's body.
 */
async function openConversations(
  options: { page?: (typeof cyrus)[]; conversations?: unknown[] } = {},
) {
  installFakeOrg({ role: "member", permissions: { member: writer } });
  const everyone = [cyrus, zelda];
  const searches: URL[] = [];
  const opened: unknown[] = [];
  server.use(
    http.get(`${rest}/customers`, ({ request }) => {
      const url = new URL(request.url);
      const name = url.searchParams.get("name");
      if (!name) return HttpResponse.json(options.page ?? [cyrus]);
      searches.push(url);
      const text = /^ilike\.\*(.*)\*$/.exec(name)?.[1]?.toLowerCase() ?? "";
      return HttpResponse.json(
        everyone.filter((customer) => customer.name.toLowerCase().includes(text)),
      );
    }),
    http.get(`${rest}/conversations`, () => HttpResponse.json(options.conversations ?? [])),
    http.post(`${rest}/conversations`, async ({ request }) => {
      opened.push(await request.json());
      return HttpResponse.json([{ id: "v-1" }], { status: 201 });
    }),
    http.get(`${rest}/role_permissions`, () =>
      HttpResponse.json(writer.map((permission) => ({ permission }))),
    ),
  );
  await signInAsTestUser();
  const view = renderApp(`/o/${fakeOrg.slug}/workspace`);
  await view.user.click(await screen.findByRole("tab", { name: "Conversations" }));
  return { ...view, searches, opened };
}

describe("New conversation's customer picker", () => {
  it("finds on the server a customer no loaded page holds, and opens the conversation with them", async () => {
    const { user, searches, opened } = await openConversations();
    await screen.findByText("No conversations yet.");
    await user.click(screen.getByRole("button", { name: "New conversation" }));
    const dialog = screen.getByRole("dialog", { name: "New conversation" });
    const picker = within(dialog).getByRole("combobox", { name: "Customer" });

    await user.type(picker, "zel");
    const list = await screen.findByRole("listbox", { name: "Customers" });
    const option = await within(list).findByRole("option", { name: "Zelda Zhou" });
    expect(picker).toHaveAttribute("aria-expanded", "true");
    const search = searches.at(-1)!.searchParams;
    expect(Object.fromEntries(search)).toMatchObject({
      name: "ilike.*zel*",
      org_id: `eq.${fakeOrg.id}`,
      limit: "20",
    });
    expect(picker).toHaveAttribute("aria-activedescendant", option.id);

    await user.keyboard("{Enter}");
    expect(picker).toHaveValue("Zelda Zhou");
    expect(picker).toHaveAttribute("aria-expanded", "false");
    // Enter chose the customer; it did not submit the form
    expect(opened).toEqual([]);

    await user.type(within(dialog).getByLabelText("Subject"), "Refund");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Conversation opened")).toBeInTheDocument();
    expect(opened).toEqual([
      expect.objectContaining({ customer_id: zelda.id, subject: "Refund", org_id: fakeOrg.id }),
    ]);
  });

  it("keeps the chosen customer shown when a search is left without choosing", async () => {
    const { user } = await openConversations();
    await user.click(await screen.findByRole("button", { name: "New conversation" }));
    const picker = screen.getByRole("combobox", { name: "Customer" });
    await user.type(picker, "cy");
    await user.click(await screen.findByRole("option", { name: "Cyrus Client" }));
    expect(picker).toHaveValue("Cyrus Client");

    await user.clear(picker);
    await user.type(picker, "zel");
    await screen.findByRole("option", { name: "Zelda Zhou" });
    await user.keyboard("{Escape}");
    expect(picker).toHaveValue("Cyrus Client");
    // Escape closed the list, not the dialog
    expect(screen.getByRole("dialog", { name: "New conversation" })).toBeInTheDocument();
  });

  it("shows an edited conversation's customer, which stays with it", async () => {
    const { user, searches } = await openConversations({
      conversations: [
        {
          id: "v-9",
          customer_id: zelda.id,
          channel: "chat",
          subject: "Invoice",
          status: "open",
          updated_at: new Date().toISOString(),
          customer: { name: zelda.name },
        },
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Edit Invoice" }));
    const picker = screen.getByRole("combobox", { name: "Customer" });
    expect(picker).toHaveValue("Zelda Zhou");
    expect(picker).toBeDisabled();
    expect(picker).toHaveAccessibleDescription("A conversation stays with its customer.");
    expect(searches).toEqual([]);
  });
});

describe("Workspace empty states", () => {
  it("says an organization has no customers yet, instead of an empty table", async () => {
    const { user } = await openConversations({ page: [] });
    await user.click(screen.getByRole("tab", { name: "Customers" }));
    expect(await screen.findByText("No customers yet.")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Customers" })).not.toBeInTheDocument();
  });

  it("says an organization has no conversations yet, instead of an empty table", async () => {
    await openConversations();
    expect(await screen.findByText("No conversations yet.")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Conversations" })).not.toBeInTheDocument();
  });
});
