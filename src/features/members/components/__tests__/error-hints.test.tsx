import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { fakeOrg, installFakeOrg, postgrestError } from "@/testing/fake-org";
import { openMembersPage, rowAction, rowOf } from "@/testing/members-page";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const rpc = (name: string) => `${env.supabaseUrl}/rest/v1/rpc/${name}`;

// Every refusal the member RPCs can answer (docs/database.md §2), with the words a person sees.
const memberHints = [
  [403, "42501", "forbidden", "You don't have permission to do that."],
  [
    403,
    "42501",
    "role_too_high",
    "You can only manage members, and assign roles, ranked below your own.",
  ],
  [404, "PT404", "not_found", "We couldn't find that. It may have been removed."],
  [
    400,
    "P0001",
    "last_owner",
    "An organization must always have an owner. Transfer ownership first.",
  ],
  [400, "P0001", "cannot_act_on_self", "You can't do that to your own membership."],
  [
    400,
    "P0001",
    "owner_via_transfer_only",
    "The owner role can only be handed over through an ownership transfer.",
  ],
  [400, "22023", "reason_required", "Please give a reason for this change."],
  [400, "22023", "invalid_input", "Some of the details aren't valid. Check them and try again."],
] as const;

// Opens Change role on Mo Member and submits Viewer with a reason; returns the dialog.
async function changeMoToViewer(user: Awaited<ReturnType<typeof openMembersPage>>["user"]) {
  await user.click(await rowAction(user, "Mo Member", "Change role"));
  const dialog = await screen.findByRole("dialog");
  await user.click(within(dialog).getByRole("radio", { name: /Viewer/ }));
  await user.type(within(dialog).getByLabelText("Reason"), "Reorg");
  await user.click(within(dialog).getByRole("button", { name: "Change role" }));
  return dialog;
}

describe("server refusals on member actions", () => {
  it.each(memberHints)(
    "change role answered %i %s %s: shows the message and keeps the dialog open",
    async (status, code, hint, message) => {
      const { user } = await openMembersPage();
      server.use(http.post(rpc("change_member_role"), () => postgrestError(status, code, hint)));

      const dialog = await changeMoToViewer(user);

      expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
      expect(dialog).not.toHaveTextContent(`server says ${hint}`);
      expect(within(dialog).getByRole("button", { name: "Change role" })).toBeEnabled();
      expect(
        within(rowOf("Mo Member")).getAllByRole("cell", { hidden: true })[1],
      ).toHaveTextContent("Member");
    },
  );

  // Raised by PostgREST or Postgres before Roster's code runs: no hint, only a code.
  it.each([
    [400, "PGRST102", "Some of the details aren't valid. Check them and try again."],
    [400, "22P05", "Some of the details aren't valid. Check them and try again."],
    [404, "PGRST202", "This page is out of date with the server. Reload it and try again."],
    [500, "57014", "The server took too long to answer. Try again, or narrow what you asked for."],
    [503, "PGRST003", "The server is busy. Wait a moment and try again."],
  ] as const)(
    "change role answered %i %s without a hint shows %s",
    async (status, code, message) => {
      const { user } = await openMembersPage();
      server.use(
        http.post(rpc("change_member_role"), () =>
          HttpResponse.json(
            { code, message: "raw server text", details: null, hint: null },
            { status },
          ),
        ),
      );

      const dialog = await changeMoToViewer(user);

      expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
      expect(dialog).not.toHaveTextContent("raw server text");
    },
  );

  it.each([
    ["suspend_member", "Vic Viewer", "Suspend", "Suspend", "last_owner"],
    ["reactivate_member", "Sam Suspended", "Reactivate", "Reactivate", "invalid_input"],
    ["remove_member", "Mo Member", "Remove", "Remove member", "not_found"],
  ] as const)("%s refused with %s shows its message", async (rpcName, who, open, submit, hint) => {
    const [status, code, , message] = memberHints.find(([, , key]) => key === hint)!;
    const { user } = await openMembersPage();
    server.use(http.post(rpc(rpcName), () => postgrestError(status, code, hint)));

    await user.click(await rowAction(user, who, open));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText("Reason"), "Because");
    await user.click(within(dialog).getByRole("button", { name: submit }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
  });

  it.each([
    ["invitation_used", "This invitation has already been used."],
    ["invitation_revoked", "This invitation was revoked. Ask an admin to send a new one."],
    ["invitation_expired", "This invitation has expired. Ask an admin to send a new one."],
  ])("revoke refused with %s shows its message", async (hint, message) => {
    const { user } = await openMembersPage();
    server.use(http.post(rpc("revoke_invitation"), () => postgrestError(400, "P0001", hint)));

    await user.click(await rowAction(user, "ivy@acme.test", "Revoke invitation"));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(message);
  });

  it.each([
    [429, "rate_limited", "Too many attempts. Wait a moment and try again."],
    [403, "role_too_high", "You can only manage members, and assign roles, ranked below your own."],
    [400, "invitation_revoked", "This invitation was revoked. Ask an admin to send a new one."],
  ])("resend refused by the function (%i %s) shows its message", async (status, hint, message) => {
    const { user } = await openMembersPage();
    server.use(
      http.post(`${env.supabaseUrl}/functions/v1/invitations`, () =>
        HttpResponse.json({ code: hint, message: "raw", hint }, { status }),
      ),
    );

    await user.click(await rowAction(user, "ivy@acme.test", "Resend invitation"));

    expect(await screen.findByText(message)).toBeInTheDocument();
  });

  it("says so when the invitation was renewed but its email could not be sent", async () => {
    const { user } = await openMembersPage();
    server.use(
      http.post(`${env.supabaseUrl}/functions/v1/invitations`, () =>
        HttpResponse.json({
          result: {
            invitation_id: "inv-ivy",
            email: "ivy@acme.test",
            status: "failed",
            error: "SMTP down",
          },
        }),
      ),
    );

    await user.click(await rowAction(user, "ivy@acme.test", "Resend invitation"));

    expect(
      await screen.findByText(
        "The invitation to ivy@acme.test was renewed, but the email could not be sent.",
      ),
    ).toBeInTheDocument();
  });

  it("explains a list that can't be loaded and retries", async () => {
    installFakeOrg();
    server.use(
      http.post(
        `${env.supabaseUrl}/rest/v1/rpc/list_members`,
        () => postgrestError(403, "42501", "forbidden"),
        { once: true },
      ),
    );
    await signInAsTestUser();
    const { user } = renderApp(`/o/${fakeOrg.slug}/members`);

    expect(await screen.findByText("Couldn't load the members")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("You don't have permission to do that.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("table", { name: "Members" })).toBeInTheDocument();
  });
});
