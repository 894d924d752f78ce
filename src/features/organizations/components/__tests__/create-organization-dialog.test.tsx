import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { env } from "@/config/env";
import { installFakeOrg, postgrestError } from "@/testing/fake-org";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";

const createUrl = `${env.supabaseUrl}/rest/v1/rpc/create_organization`;

async function openDialog() {
  installFakeOrg();
  await signInAsTestUser();
  const view = renderApp("/o/acme/members");
  await view.user.click(await screen.findByRole("button", { name: /switch organization/ }));
  await view.user.click(await screen.findByRole("menuitem", { name: "Create organization" }));
  const dialog = await screen.findByRole("dialog", { name: "Create organization" });
  return { ...view, dialog };
}

describe("create organization dialog", () => {
  it("derives the slug from the name until it is edited, then creates and opens the org", async () => {
    const { user, dialog, router } = await openDialog();
    let body: unknown;
    server.use(
      http.post(createUrl, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: "new-org", slug: "priya-lab", name: "Priya's Lab" });
      }),
    );

    await user.type(within(dialog).getByLabelText("Name"), "Priya's Lab");
    const slug = within(dialog).getByLabelText("URL");
    expect(slug).toHaveValue("priya-s-lab");

    await user.clear(slug);
    await user.type(slug, "Priya-Lab");
    expect(slug).toHaveValue("priya-lab");
    await user.type(within(dialog).getByLabelText(/Legal name/), "Priya Raman Research Ltd");
    await user.click(within(dialog).getByRole("button", { name: "Create organization" }));

    expect(await screen.findByText("Priya's Lab is ready")).toBeInTheDocument();
    expect(body).toEqual({
      p_name: "Priya's Lab",
      p_slug: "priya-lab",
      p_legal_name: "Priya Raman Research Ltd",
    });
    await waitFor(() => expect(router.state.location.pathname).toBe("/o/priya-lab/members"));
  });

  it("explains a slug another organization already uses, and suggests a free one", async () => {
    const { user, dialog } = await openDialog();
    const asked: unknown[] = [];
    server.use(
      http.post(createUrl, async ({ request }) => {
        const body = (await request.json()) as { p_slug: string };
        return body.p_slug === "acme-clinic"
          ? postgrestError(409, "23505", "slug_taken")
          : HttpResponse.json({ id: "org-new", name: "Acme Clinic", slug: body.p_slug });
      }),
      http.post(`${env.supabaseUrl}/rest/v1/rpc/suggest_organization_slug`, async ({ request }) => {
        asked.push(await request.json());
        return HttpResponse.json("acme-clinic-2");
      }),
    );

    await user.type(within(dialog).getByLabelText("Name"), "Acme Clinic");
    await user.click(within(dialog).getByRole("button", { name: "Create organization" }));

    const slug = within(dialog).getByLabelText("URL");
    await waitFor(() => expect(slug).toHaveAttribute("aria-invalid", "true"));
    await waitFor(() =>
      expect(slug).toHaveAccessibleDescription(
        "Another organization already uses this URL. Choose a different one. “acme-clinic-2” is free.",
      ),
    );
    expect(asked).toEqual([{ p_slug: "acme-clinic" }]);

    await user.click(within(dialog).getByRole("button", { name: "Use acme-clinic-2" }));
    expect(slug).toHaveValue("acme-clinic-2");
    expect(slug).not.toHaveAttribute("aria-invalid", "true");
    await user.click(within(dialog).getByRole("button", { name: "Create organization" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("refuses a malformed slug before asking the server", async () => {
    const { user, dialog } = await openDialog();

    await user.type(within(dialog).getByLabelText("Name"), "Acme");
    await user.clear(within(dialog).getByLabelText("URL"));
    await user.type(within(dialog).getByLabelText("URL"), "-acme-");

    expect(within(dialog).getByLabelText("URL")).toHaveAccessibleDescription(
      /Use lowercase letters, digits and single hyphens/,
    );
    expect(within(dialog).getByRole("button", { name: "Create organization" })).toBeDisabled();
  });
});
