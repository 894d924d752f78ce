import { act, screen, waitFor, within } from "@testing-library/react";
import { http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { directoryRow } from "@/testing/fake-org";
import { openMembersPage } from "@/testing/members-page";
import { server } from "@/testing/server";

const count = 10_000;
// Narrow rows (jsdom matches no media query).
const rowHeight = 136;

function bigDirectory() {
  return Array.from({ length: count }, (_, index) => {
    const n = String(index).padStart(5, "0");
    return directoryRow(
      { id: `00000000-0000-4000-b000-0000000${n}`, name: `Person ${n}`, email: `p${n}@big.test` },
      index % 3 === 0 ? "viewer" : "member",
    );
  });
}

/** Every list_members call the page makes, with its arguments. */
function recordPageRequests() {
  const requests: Record<string, unknown>[] = [];
  server.use(
    http.post(`${env.supabaseUrl}/rest/v1/rpc/list_members`, async ({ request }) => {
      requests.push((await request.clone().json()) as Record<string, unknown>);
      // Answering nothing passes the request on to the fake org.
    }),
  );
  return requests;
}

function renderedRows() {
  return within(screen.getByRole("table")).getAllByRole("row").slice(1);
}

async function scrollTo(y: number) {
  await act(async () => {
    Object.defineProperty(window, "scrollY", { configurable: true, value: y });
    window.dispatchEvent(new Event("scroll"));
  });
}

afterEach(() => {
  Object.defineProperty(window, "scrollY", { configurable: true, value: 0 });
});

describe("members page with 10,000 members", () => {
  it("asks for one page at a time, as the user scrolls near the end of what is loaded", async () => {
    await openMembersPage({ directory: bigDirectory(), invitations: [] });
    await screen.findByText("Person 00000");

    // The size comes from the server's count, not from the rows loaded.
    expect(screen.getByRole("table")).toHaveAttribute("aria-rowcount", String(count + 1));
    expect(screen.getByText("10,000 people")).toBeInTheDocument();
    expect(renderedRows().length).toBeLessThan(30);
    expect(screen.queryByText("Person 00050")).not.toBeInTheDocument();

    const requests = recordPageRequests();
    await scrollTo(rowHeight * 40);
    expect(await screen.findByText("Person 00050")).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    // Keyset: the next page continues after the last row loaded.
    expect(requests[0]).toMatchObject({ p_after: "m-00000000-0000-4000-b000-000000000049" });

    await scrollTo(rowHeight * 90);
    expect(await screen.findByText("Person 00100")).toBeInTheDocument();
    expect(requests).toHaveLength(2);
    expect(renderedRows().length).toBeLessThan(30);
    expect(screen.queryByText("Person 00000")).not.toBeInTheDocument();
  });

  it("searches on the server, not in the loaded rows", async () => {
    const { user } = await openMembersPage({ directory: bigDirectory(), invitations: [] });
    const requests = recordPageRequests();

    await user.type(screen.getByRole("searchbox"), "p09999");

    expect(await screen.findByText("Person 09999")).toBeInTheDocument();
    expect(await screen.findByText("Showing 1 of 10,000")).toBeInTheDocument();
    await waitFor(() => expect(renderedRows()).toHaveLength(1));
    // Debounced: one request for the whole word, not one per letter.
    expect(requests).toEqual([expect.objectContaining({ p_search: "p09999" })]);
  });
});
