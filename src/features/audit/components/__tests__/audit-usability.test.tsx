import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeOrg, installFakeOrg } from "@/testing/fake-org";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";
import { localDay } from "../../utils/audit-filters";
import { installFakeAudit } from "./fake-audit";

const auditPath = `/o/${fakeOrg.slug}/audit`;

async function openAuditPage(path = auditPath) {
  installFakeOrg();
  installFakeAudit();
  await signInAsTestUser();
  return renderApp(path);
}

const daysAgo = (days: number) => {
  const now = new Date();
  return localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - days));
};

describe("audit log on every screen", () => {
  it("says the From date is after the To date instead of “no events match”, and swaps them", async () => {
    const { user, router } = await openAuditPage(`${auditPath}?from=2026-03-05&to=2026-03-01`);

    expect(
      await screen.findByText(
        "The From date (Mar 5, 2026) is after the To date (Mar 1, 2026), so no day is in between.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText("No events match these filters")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Swap the dates" }));
    await waitFor(() =>
      expect(router.state.location.search).toBe("?from=2026-03-01&to=2026-03-05"),
    );
  });

  it.each([
    ["Today", 0],
    ["Last 7 days", 6],
    ["Last 30 days", 29],
  ])("offers a %s preset for the dates", async (label, back) => {
    const { user, router } = await openAuditPage();
    await screen.findByRole("table", { name: "Audit events, newest first" });
    const preset = screen.getByRole("button", { name: label });
    expect(preset).toHaveAttribute("aria-pressed", "false");

    await user.click(preset);

    await waitFor(() => {
      const search = new URLSearchParams(router.state.location.search);
      expect(search.get("from")).toBe(daysAgo(back));
      expect(search.get("to")).toBe(daysAgo(0));
    });
    expect(screen.getByRole("button", { name: label })).toHaveAttribute("aria-pressed", "true");
  });

  it("folds the filters behind one button that counts the active ones", async () => {
    const { user } = await openAuditPage(`${auditPath}?action=member.suspended&from=2026-03-01`);
    await screen.findByRole("table", { name: "Audit events, newest first" });
    const toggle = screen.getByRole("button", { name: "Filters (2)" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    const panel = document.getElementById(toggle.getAttribute("aria-controls")!);
    expect(panel).toContainElement(screen.getByLabelText("Action"));
    expect(panel).toHaveClass("hidden");

    await user.click(toggle);

    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(panel).not.toHaveClass("hidden");
  });

  it("returns focus to the Details button when the event drawer closes", async () => {
    const { user } = await openAuditPage();
    await screen.findByRole("table", { name: "Audit events, newest first" });
    const details = screen.getByRole("button", { name: "Details of event #3" });

    await user.click(details);
    await screen.findByRole("dialog");
    await user.keyboard("{Escape}");

    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Details of event #3" })).toHaveFocus(),
    );
  });
});
