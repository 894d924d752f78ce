import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { formatDateTime } from "@/lib/format";
import { fakeOrg, installFakeOrg } from "@/testing/fake-org";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";
import { installFakeAudit } from "./fake-audit";

const rest = `${env.supabaseUrl}/rest/v1`;
const verifiedAt = "2026-03-04T09:41:07.123456+00:00";

type Chain = Record<string, unknown>;

function chain(fields: Chain = {}): Chain {
  return {
    ok: true,
    checked: 3,
    first_broken_id: null,
    verified_through_id: 3,
    verified_through_at: verifiedAt,
    checked_at: new Date().toISOString(),
    full_check_state: "never",
    full_check_done: 0,
    full_check_total: 0,
    full_check_finished_at: null,
    ...fields,
  };
}

/** The audit page over a chain whose status the test changes as it goes; `started` lists the starts. */
async function openWithChain(initial: Chain) {
  installFakeOrg();
  installFakeAudit();
  const state = { chain: initial, started: [] as unknown[] };
  server.use(
    http.post(`${rest}/rpc/verify_audit_chain`, () => HttpResponse.json(state.chain)),
    http.post(`${rest}/rpc/start_audit_full_check`, async ({ request }) => {
      state.started.push(await request.json());
      state.chain = chain({ full_check_state: "running", full_check_total: 20_000 });
      return new HttpResponse(null, { status: 204 });
    }),
  );
  await signInAsTestUser();
  const view = renderApp(`/o/${fakeOrg.slug}/audit`);
  return { ...view, state };
}

describe("chain badge", () => {
  it("says through which event, and when it happened, the chain is verified", async () => {
    await openWithChain(chain());

    expect(await screen.findByText("Integrity verified")).toBeInTheDocument();
    expect(
      screen.getByText(`Verified through event #3 at ${formatDateTime(verifiedAt)}`),
    ).toBeInTheDocument();
  });

  it("starts a full verification and follows its progress until it passes", async () => {
    const { user, state } = await openWithChain(chain());

    await user.click(await screen.findByRole("button", { name: "Verify the whole log" }));

    expect(state.started).toEqual([{ p_org_id: fakeOrg.id }]);
    expect(await screen.findByText("Full verification: 0 of 20,000 events")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Verify the whole log" })).not.toBeInTheDocument();

    // Polled while it runs: progress, then the result.
    state.chain = chain({
      full_check_state: "running",
      full_check_done: 12_500,
      full_check_total: 20_000,
    });
    const progress = await screen.findByRole("progressbar", { name: "Full verification" });
    await within(progress.parentElement!).findByText("Full verification: 12,500 of 20,000 events");
    expect(progress).toHaveAttribute("value", "12500");
    state.chain = chain({
      full_check_state: "done",
      full_check_done: 20_000,
      full_check_total: 20_000,
      full_check_finished_at: new Date().toISOString(),
    });
    expect(await screen.findByText("Full verification passed just now")).toBeInTheDocument();
  });

  it("points at the first broken event a full verification found before the checkpoint", async () => {
    const { user } = await openWithChain(
      chain({
        ok: false,
        first_broken_id: 1,
        full_check_state: "broken",
        full_check_done: 2,
        full_check_total: 3,
        full_check_finished_at: new Date().toISOString(),
      }),
    );

    expect(await screen.findByText("Chain broken at event #1")).toBeInTheDocument();
    expect(screen.queryByText("Integrity verified")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show event #1" }));
    expect(await screen.findByRole("dialog")).toBeInTheDocument();
  });
});
