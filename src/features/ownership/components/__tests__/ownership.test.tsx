import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import type { OrgRole } from "@/lib/roles";
import {
  directoryRow,
  fakeOrg,
  installFakeOrg,
  people,
  postgrestError,
  type RecordedCall,
} from "@/testing/fake-org";
import { rowOf } from "@/testing/members-page";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const rest = `${env.supabaseUrl}/rest/v1`;
const transferId = "7a1e4c8e-0000-4000-a000-0000000000aa";

type Transfer = {
  id: string;
  org_id: string;
  org_slug: string;
  org_name: string;
  from_user_id: string;
  to_user_id: string;
  requested_at: string;
  expires_at: string;
  is_recipient: boolean;
};

function transferRow(fields: Partial<Transfer>): Transfer {
  return {
    id: transferId,
    org_id: fakeOrg.id,
    org_slug: fakeOrg.slug,
    org_name: fakeOrg.name,
    from_user_id: people.dana.id,
    to_user_id: people.ada.id,
    requested_at: new Date(Date.now() - 10 * 60_000).toISOString(),
    expires_at: new Date(Date.now() + 47 * 3_600_000).toISOString(),
    is_recipient: false,
    ...fields,
  };
}

/** The transfer views and RPCs, answering like the server and recording calls. */
function installTransfers(initial: Transfer[] = []) {
  const state = { transfers: initial, calls: [] as RecordedCall[] };
  const record = async (name: string, request: Request) => {
    const body = (await request.json()) as Record<string, unknown>;
    state.calls.push({ name, body });
    return body;
  };
  const close = (name: string) =>
    http.post(`${rest}/rpc/${name}`, async ({ request }) => {
      await record(name, request);
      state.transfers = [];
      return HttpResponse.json({});
    });
  server.use(
    http.get(`${rest}/my_pending_transfers`, () => HttpResponse.json(state.transfers)),
    http.post(`${rest}/rpc/request_ownership_transfer`, async ({ request }) => {
      const body = await record("request_ownership_transfer", request);
      state.transfers = [transferRow({ to_user_id: String(body.p_to_user_id) })];
      return HttpResponse.json(state.transfers[0]);
    }),
    close("cancel_ownership_transfer"),
    close("decline_ownership_transfer"),
  );
  return state;
}

// The people ownership could go to: the server filters member_directory to active non-owners.
function installCandidates(rows = [people.ada, people.mo]) {
  server.use(
    http.get(`${rest}/member_directory`, ({ request }) =>
      new URL(request.url).searchParams.get("status") === "eq.active"
        ? HttpResponse.json(rows.map((person) => directoryRow(person, "admin")))
        : undefined,
    ),
  );
}

function installOrganization() {
  server.use(
    http.get(`${rest}/organizations`, () =>
      HttpResponse.json({
        id: fakeOrg.id,
        name: fakeOrg.name,
        legal_name: null,
        description: null,
        created_at: "2025-03-04T10:00:00Z",
        invitation_lifetime_hours: 48,
      }),
    ),
  );
}

async function openOwnership(transfers: Transfer[] = [], candidates?: (typeof people.ada)[]) {
  installFakeOrg({ role: "owner" });
  const state = installTransfers(transfers);
  installCandidates(candidates);
  installOrganization();
  await signInAsTestUser();
  const view = renderApp(`/o/${fakeOrg.slug}/settings`);
  await screen.findByRole("heading", { name: "Ownership" });
  return { ...view, state };
}

async function requestTransferTo(user: ReturnType<typeof renderApp>["user"], confirm: string) {
  await user.click(await screen.findByRole("button", { name: "Transfer ownership" }));
  const dialog = await screen.findByRole("dialog", { name: "Transfer ownership of Acme Clinic" });
  await user.selectOptions(within(dialog).getByLabelText("New owner"), people.ada.id);
  await user.type(within(dialog).getByLabelText("Type Acme Clinic to confirm"), confirm);
  return dialog;
}

describe("requesting an ownership transfer", () => {
  it("asks for a member and the exact organization name, then shows the pending request", async () => {
    const { user, state } = await openOwnership();

    const dialog = await requestTransferTo(user, "Acme");
    const submit = within(dialog).getByRole("button", { name: "Request transfer" });
    expect(submit).toBeDisabled();
    await user.type(within(dialog).getByLabelText("Type Acme Clinic to confirm"), " Clinic");
    await user.click(submit);

    expect(
      await screen.findByText("Ownership offered to Ada Admin. They have 48 hours to accept."),
    ).toBeInTheDocument();
    expect(state.calls).toEqual([
      {
        name: "request_ownership_transfer",
        body: { p_org_id: fakeOrg.id, p_to_user_id: people.ada.id, p_confirm_name: "Acme Clinic" },
      },
    ]);
    expect(await screen.findByText("Waiting for Ada Admin to accept")).toBeInTheDocument();
    expect(screen.getByText(/Requested 10 min ago; expires in 46 h/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Transfer ownership" })).not.toBeInTheDocument();
  });

  it.each([
    [
      400,
      "P0001",
      "confirmation_mismatch",
      "The confirmation doesn't match. Type the organization name exactly.",
    ],
    [
      409,
      "23505",
      "transfer_pending",
      "An ownership transfer is already pending for this organization.",
    ],
    [404, "PT404", "not_found", "We couldn't find that. It may have been removed."],
    [400, "P0001", "cannot_act_on_self", "You can't do that to your own membership."],
    [403, "42501", "forbidden", "You don't have permission to do that."],
  ] as const)("shows a %i %s %s refusal in the dialog", async (status, code, hint, message) => {
    const { user } = await openOwnership();
    server.use(
      http.post(`${rest}/rpc/request_ownership_transfer`, () => postgrestError(status, code, hint)),
    );

    const dialog = await requestTransferTo(user, "Acme Clinic");
    await user.click(within(dialog).getByRole("button", { name: "Request transfer" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
  });

  it("says when there is nobody to hand over to", async () => {
    await openOwnership([], []);

    expect(
      await screen.findByText(/There is no other active member to hand Acme Clinic over to/),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Transfer ownership" })).not.toBeInTheDocument();
  });
});

describe("a pending request", () => {
  it("can be cancelled by the owner", async () => {
    const { user, state } = await openOwnership([transferRow({})]);

    await screen.findByText("Waiting for Ada Admin to accept");
    await user.click(screen.getByRole("button", { name: "Cancel request" }));

    expect(
      await screen.findByText("Ownership transfer to Ada Admin cancelled"),
    ).toBeInTheDocument();
    expect(state.calls).toEqual([
      { name: "cancel_ownership_transfer", body: { p_transfer_id: transferId } },
    ]);
    expect(await screen.findByRole("button", { name: "Transfer ownership" })).toBeVisible();
  });

  it.each([
    [400, "P0001", "transfer_closed", "This ownership transfer is no longer open."],
    [
      400,
      "P0001",
      "transfer_expired",
      "This ownership transfer has expired. The owner can request a new one.",
    ],
  ] as const)("shows a %i %s %s refusal to cancel", async (status, code, hint, message) => {
    const { user } = await openOwnership([transferRow({})]);
    server.use(
      http.post(`${rest}/rpc/cancel_ownership_transfer`, () => postgrestError(status, code, hint)),
    );

    await user.click(await screen.findByRole("button", { name: "Cancel request" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(message);
  });
});

describe("the banner for the person offered ownership", () => {
  // Dana is an admin under Olive, who offers her ownership.
  async function openAsRecipient() {
    const org = installFakeOrg({ role: "admin" });
    let role: OrgRole = "admin";
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
    const state = installTransfers([
      transferRow({
        from_user_id: people.olive.id,
        to_user_id: people.dana.id,
        is_recipient: true,
      }),
    ]);
    server.use(
      http.post(`${rest}/rpc/accept_ownership_transfer`, async ({ request }) => {
        state.calls.push({
          name: "accept_ownership_transfer",
          body: (await request.json()) as Record<string, unknown>,
        });
        // The server swaps the two roles in one transaction.
        role = "owner";
        for (const row of org.directory) {
          if (row.user_id === people.dana.id) row.role = "owner";
          if (row.user_id === people.olive.id) row.role = "admin";
        }
        state.transfers = [];
        return HttpResponse.json({});
      }),
    );
    await signInAsTestUser();
    const view = renderApp(`/o/${fakeOrg.slug}/members`);
    await screen.findByRole("table", { name: "Members" });
    const banner = await screen.findByRole("region", {
      name: "You're invited to become the owner of Acme Clinic",
    });
    return { ...view, state, banner };
  }

  it("accepts, and the page shows the swapped roles at once", async () => {
    const { user, state, banner } = await openAsRecipient();
    expect(banner).toHaveTextContent(
      "If you accept, you become the owner and the current owner becomes an admin. The request expires in 46 h.",
    );
    expect(within(rowOf("Dana Owner")).getAllByRole("cell")[1]).toHaveTextContent("Admin");

    await user.click(within(banner).getByRole("button", { name: "Accept ownership" }));

    expect(await screen.findByText("You're now the owner of Acme Clinic")).toBeInTheDocument();
    await waitFor(() =>
      expect(within(rowOf("Dana Owner")).getAllByRole("cell")[1]).toHaveTextContent("Owner"),
    );
    expect(within(rowOf("Olive Owner")).getAllByRole("cell")[1]).toHaveTextContent("Admin");
    expect(screen.queryByRole("region", { name: /become the owner/ })).not.toBeInTheDocument();
    expect(state.calls).toEqual([
      { name: "accept_ownership_transfer", body: { p_transfer_id: transferId } },
    ]);
  });

  it("declines, and the banner goes away", async () => {
    const { user, state, banner } = await openAsRecipient();

    await user.click(within(banner).getByRole("button", { name: "Decline" }));

    expect(await screen.findByText("You declined ownership of Acme Clinic")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole("region", { name: /become the owner/ })).not.toBeInTheDocument(),
    );
    expect(state.calls).toEqual([
      { name: "decline_ownership_transfer", body: { p_transfer_id: transferId } },
    ]);
  });

  it.each([
    [
      "accept_ownership_transfer",
      "Accept ownership",
      "transfer_expired",
      "This ownership transfer has expired. The owner can request a new one.",
    ],
    [
      "accept_ownership_transfer",
      "Accept ownership",
      "transfer_closed",
      "This ownership transfer is no longer open.",
    ],
    [
      "decline_ownership_transfer",
      "Decline",
      "transfer_closed",
      "This ownership transfer is no longer open.",
    ],
  ] as const)(
    "%s refused with %s… %s: says so in the banner",
    async (name, button, hint, message) => {
      const { user, banner } = await openAsRecipient();
      server.use(http.post(`${rest}/rpc/${name}`, () => postgrestError(400, "P0001", hint)));

      await user.click(within(banner).getByRole("button", { name: button }));

      expect(await within(banner).findByRole("alert")).toHaveTextContent(message);
    },
  );
});
