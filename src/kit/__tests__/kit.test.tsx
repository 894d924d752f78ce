import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { Button } from "@/components/ui/button";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { env } from "@/config/env";
import { accessKeys } from "@/kit/api/keys";
import { Can } from "@/kit/can";
import { CurrentOrgProvider, useCurrentOrg, useOrgBySlug } from "@/kit/current-org";
import { OrgSwitcher } from "@/kit/org-switcher";
import { usePermission } from "@/kit/use-permission";
import { queryConfig } from "@/lib/react-query";
import { fakeOrg, installFakeOrg, otherOrg } from "@/testing/fake-org";
import { server } from "@/testing/server";

// The kit as a host app uses it: its own query client and router, none of Roster's pages.
function renderInHostApp(ui: ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: queryConfig });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...view, queryClient, user: userEvent.setup() };
}

// A host app's org area: resolves the slug, then provides the organization to its screens.
function OrgArea({ slug, children }: { slug: string; children: ReactNode }) {
  const state = useOrgBySlug(slug);
  if (state.status === "ready") {
    return <CurrentOrgProvider org={state.org}>{children}</CurrentOrgProvider>;
  }
  return <p>{state.status}</p>;
}

function PermissionProbe({ orgId, permission }: { orgId: string; permission: string }) {
  const check = usePermission(orgId, permission);
  if (check.isLoading) return <p>checking</p>;
  return <p>{check.allowed ? "allowed" : `refused: ${check.reason}`}</p>;
}

describe("usePermission", () => {
  it("answers from the member's role in the live matrix, with the reason when refused", async () => {
    installFakeOrg({ role: "viewer" });
    renderInHostApp(
      <>
        <PermissionProbe orgId={fakeOrg.id} permission="customers.read" />
        <PermissionProbe orgId={fakeOrg.id} permission="customers.write" />
      </>,
    );
    expect(await screen.findByText("allowed")).toBeInTheDocument();
    expect(
      screen.getByText(
        "refused: Your role in Acme Clinic, Viewer, doesn't include customers.write.",
      ),
    ).toBeInTheDocument();
  });

  it("refuses an organization the user is not an active member of", async () => {
    installFakeOrg({ role: "owner" });
    renderInHostApp(<PermissionProbe orgId={otherOrg.id} permission="customers.read" />);
    expect(
      await screen.findByText("refused: You're not an active member of this organization."),
    ).toBeInTheDocument();
  });
});

// An "Add customer" button that only customers.write holders may use.
function renderAddCustomer() {
  const onClick = vi.fn();
  const view = renderInHostApp(
    <OrgArea slug={fakeOrg.slug}>
      <Can permission="customers.write" mode="disable">
        <Button onClick={onClick}>Add customer</Button>
      </Can>
    </OrgArea>,
  );
  return { ...view, onClick };
}

describe("<Can>", () => {
  it("renders its children only when allowed, else the fallback", async () => {
    installFakeOrg({ role: "viewer" });
    renderInHostApp(
      <OrgArea slug={fakeOrg.slug}>
        <Can permission="customers.read">
          <p>Customer list</p>
        </Can>
        <Can permission="customers.write" fallback={<p>Read only</p>}>
          <button type="button">Add customer</button>
        </Can>
      </OrgArea>,
    );
    expect(await screen.findByText("Customer list")).toBeInTheDocument();
    expect(screen.getByText("Read only")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add customer" })).not.toBeInTheDocument();
  });

  it("disables a refused action with its reason, and does not run it", async () => {
    installFakeOrg({ role: "viewer" });
    const { user, onClick } = renderAddCustomer();
    const button = await screen.findByRole("button", { name: "Add customer" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    act(() => button.focus());
    expect(await screen.findByRole("tooltip")).toHaveTextContent(
      "Your role in Acme Clinic, Viewer, doesn't include customers.write.",
    );
    await user.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it("follows a change to the matrix once access is refetched", async () => {
    installFakeOrg({ role: "member" });
    const { user, queryClient, onClick } = renderAddCustomer();
    const button = await screen.findByRole("button", { name: "Add customer" });
    expect(button).not.toHaveAttribute("aria-disabled");
    await user.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);

    // The owner takes customers.write away from Member.
    server.use(
      http.get(`${env.supabaseUrl}/rest/v1/role_permissions`, () =>
        HttpResponse.json([{ permission: "customers.read" }]),
      ),
    );
    await act(() => queryClient.invalidateQueries({ queryKey: accessKeys.all }));
    // Now wrapped with its reason: a new element.
    await vi.waitFor(() =>
      expect(screen.getByRole("button", { name: "Add customer" })).toHaveAttribute(
        "aria-disabled",
        "true",
      ),
    );
    await user.click(screen.getByRole("button", { name: "Add customer" }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

describe("useCurrentOrg", () => {
  it("gives the provided organization with its role's permissions", async () => {
    installFakeOrg({ role: "member" });
    function OrgName() {
      const org = useCurrentOrg();
      return (
        <p>
          {org.name}: {[...org.permissions].join(", ")}
        </p>
      );
    }
    renderInHostApp(
      <OrgArea slug={fakeOrg.slug}>
        <OrgName />
      </OrgArea>,
    );
    expect(
      await screen.findByText("Acme Clinic: customers.read, customers.write"),
    ).toBeInTheDocument();
  });

  it("says where it may be used", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    function Orphan() {
      useCurrentOrg();
      return null;
    }
    expect(() => render(<Orphan />)).toThrow(
      "useCurrentOrg() must be called inside <CurrentOrgProvider>.",
    );
  });
});

describe("<OrgSwitcher>", () => {
  it("lists the user's organizations with their role, marks the current one, and adds the app's items", async () => {
    installFakeOrg({ role: "admin", alsoMemberOf: [{ org: otherOrg, role: "viewer" }] });
    const { user } = renderInHostApp(
      <OrgSwitcher currentSlug={fakeOrg.slug} getHref={(slug) => `/teams/${slug}`}>
        <DropdownMenuItem>New team</DropdownMenuItem>
      </OrgSwitcher>,
    );
    await user.click(
      await screen.findByRole("button", { name: "Acme Clinic, switch organization" }),
    );
    const menu = await screen.findByRole("menu");
    const current = within(menu).getByRole("menuitem", { name: /Acme Clinic/ });
    expect(current).toHaveAttribute("aria-current", "page");
    expect(current).toHaveTextContent("Admin");
    const other = within(menu).getByRole("menuitem", { name: /Northwind/ });
    expect(other).toHaveAttribute("href", "/teams/northwind");
    expect(other).toHaveTextContent("Viewer");
    expect(within(menu).getByRole("menuitem", { name: "New team" })).toBeInTheDocument();
  });
});
