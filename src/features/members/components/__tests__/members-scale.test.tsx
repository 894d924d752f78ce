import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { directoryRow } from "@/testing/fake-org";
import { openMembersPage } from "@/testing/members-page";

const count = 10_000;

function bigDirectory() {
  return Array.from({ length: count }, (_, index) => {
    const n = String(index).padStart(5, "0");
    return directoryRow(
      { id: `00000000-0000-4000-b000-0000000${n}`, name: `Person ${n}`, email: `p${n}@big.test` },
      index % 3 === 0 ? "viewer" : "member",
    );
  });
}

function renderedRows() {
  return within(screen.getByRole("table")).getAllByRole("row").slice(1);
}

describe("members page with 10,000 members", () => {
  it("renders only the rows on screen, and keeps search and scrolling fast", async () => {
    const directory = bigDirectory();
    const began = performance.now();
    const { user } = await openMembersPage({ directory, invitations: [] });
    await screen.findByText("Person 00000");
    const firstRender = performance.now() - began;

    expect(screen.getByRole("table")).toHaveAttribute("aria-rowcount", String(count + 1));
    expect(screen.getByText(`${count} people`)).toBeInTheDocument();
    expect(renderedRows().length).toBeLessThan(30);

    // Scroll halfway down the page: the rows there replace the ones at the top.
    const scrollBegan = performance.now();
    await act(async () => {
      Object.defineProperty(window, "scrollY", { configurable: true, value: 136 * 5_000 });
      window.dispatchEvent(new Event("scroll"));
    });
    const rowIndexes = renderedRows().map((row) => row.getAttribute("aria-rowindex"));
    const scrolled = performance.now() - scrollBegan;
    expect(screen.queryByText("Person 00000")).not.toBeInTheDocument();
    expect(rowIndexes).toContain(String(5_000 + 2));
    expect(renderedRows().length).toBeLessThan(30);
    Object.defineProperty(window, "scrollY", { configurable: true, value: 0 });

    const searchBegan = performance.now();
    await user.type(screen.getByRole("searchbox"), "p09999");
    await screen.findByText("Showing 1 of 10000");
    const searched = performance.now() - searchBegan;

    console.info(
      `10,000 members (jsdom): load+first render ${firstRender.toFixed(0)} ms, ` +
        `scroll to row 5,000 ${scrolled.toFixed(0)} ms, search "p09999" ${searched.toFixed(0)} ms`,
    );
    // jsdom is many times slower than a browser, and CI machines vary: these bounds only catch
    // a regression to rendering every row. tests/e2e/members-scale.test.ts measures Chromium.
    expect(scrolled).toBeLessThan(3_000);
    expect(searched).toBeLessThan(10_000);
  });
});
