import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { env } from "@/config/env";
import { fakeOrg, installFakeOrg, people, postgrestError } from "@/testing/fake-org";
import { server } from "@/testing/server";
import { renderApp, signInAsTestUser } from "@/testing/test-utils";
import { auditRow, installFakeAudit, sampleEvents } from "./fake-audit";

const auditPath = `/o/${fakeOrg.slug}/audit`;
const functions = `${env.supabaseUrl}/functions/v1`;

async function openAuditPage(
  path = auditPath,
  options?: Parameters<typeof installFakeOrg>[0],
  audit?: Parameters<typeof installFakeAudit>,
) {
  installFakeOrg(options);
  const fake = installFakeAudit(...(audit ?? []));
  await signInAsTestUser();
  const view = renderApp(path);
  return { ...view, ...fake };
}

const table = () => screen.findByRole("table", { name: "Audit events, newest first" });

function rowTexts() {
  return within(screen.getByRole("table", { name: "Audit events, newest first" }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[2]!.textContent);
}

describe("audit log", () => {
  it("shows a skeleton while loading, then each event in plain words, newest first", async () => {
    installFakeOrg();
    installFakeAudit();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server.use(http.get(`${env.supabaseUrl}/rest/v1/audit_events`, () => held));
    await signInAsTestUser();
    renderApp(auditPath);

    expect(await screen.findByText("Loading the audit log…")).toBeInTheDocument();
    release();
    await table();
    expect(rowTexts()).toEqual([
      "Dana Owner changed Mo Member's role from Viewer to Member",
      "Dana Owner suspended Mo Member",
      "Dana Owner invited ivy@acme.test as Viewer",
    ]);
    const first = screen.getAllByRole("row")[1]!;
    expect(within(first).getByText("3 h ago")).toHaveAttribute(
      "title",
      expect.stringMatching(/\d{4}, \d+:\d{2}:\d{2}/),
    );
    expect(first).toHaveTextContent("Runs the front desk now");
    expect(await screen.findByText("Integrity verified")).toBeInTheDocument();
  });

  it("asks for the newest 50, and continues with the documented keyset filter", async () => {
    const events = Array.from({ length: 60 }, (_, index) => auditRow(60 - index));
    const { user, requests } = await openAuditPage(auditPath, undefined, [events]);
    await table();

    const first = requests[0]!.searchParams;
    expect(first.get("order")).toBe("occurred_at.desc,id.desc");
    expect(first.get("limit")).toBe("50");
    expect(first.get("org_id")).toBe(`eq.${fakeOrg.id}`);
    expect(first.has("or")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Load older events" }));
    await waitFor(() => expect(rowTexts()).toHaveLength(60));
    const last = events[49]!;
    const next = requests.at(-1)!.searchParams;
    expect(next.get("occurred_at")).toBe(`lte.${last.occurred_at}`);
    expect(next.get("or")).toBe(
      `(occurred_at.lt.${last.occurred_at},and(occurred_at.eq.${last.occurred_at},id.lt.${last.id}))`,
    );
    expect(next.get("order")).toBe("occurred_at.desc,id.desc");
    expect(next.get("limit")).toBe("50");
    expect(screen.getByText("60 events; that's everything.")).toBeInTheDocument();
  });

  // Six fields typed key by key: on a loaded 2-core CI machine that alone can take seconds.
  const slowTyping = { timeout: 20_000 };

  it("keeps every filter in the URL and sends it to the server", async () => {
    const { user, router, requests, searches } = await openAuditPage();
    await table();

    await user.selectOptions(screen.getByLabelText("Action"), "member.role_changed");
    await user.selectOptions(screen.getByLabelText("Actor"), people.dana.id);
    await user.type(screen.getByLabelText("Target"), "mo@");
    await user.type(screen.getByRole("searchbox", { name: "Search the audit log" }), "desk");
    await user.type(screen.getByLabelText("From"), "2026-03-01");
    await user.type(screen.getByLabelText("To"), "2026-03-31");

    await waitFor(() => {
      const search = new URLSearchParams(router.state.location.search);
      expect(Object.fromEntries(search)).toEqual({
        action: "member.role_changed",
        actor: people.dana.id,
        target: "mo@",
        q: "desk",
        from: "2026-03-01",
        to: "2026-03-31",
      });
    }, slowTyping);
    // Filters without text go to the table; text search goes to the indexed RPC with them all.
    expect(requests.at(-1)!.searchParams.get("target_email")).toBe("ilike.*mo@*");
    expect(requests.some((url) => url.searchParams.has("or"))).toBe(false);
    // The debounced search may land after the dates: wait for the search carrying both.
    await waitFor(() => expect(searches.at(-1)?.p_to).toBeDefined(), slowTyping);
    expect(searches.at(-1)).toEqual({
      p_org_id: fakeOrg.id,
      p_q: "desk",
      p_from: new Date(2026, 2, 1).toISOString(),
      p_to: new Date(2026, 3, 1).toISOString(),
      p_actions: ["member.role_changed"],
      p_actor_id: people.dana.id,
      p_target: "mo@",
      p_limit: 50,
    });
  }, 45_000);

  it("opens a shared view with its filters filled in", async () => {
    const { requests, searches } = await openAuditPage(
      `${auditPath}?action=member.suspended&q=leave`,
    );
    await table();

    expect(screen.getByLabelText("Action")).toHaveValue("member.suspended");
    expect(screen.getByRole("searchbox", { name: "Search the audit log" })).toHaveValue("leave");
    expect(searches[0]).toMatchObject({ p_q: "leave", p_actions: ["member.suspended"] });
    expect(requests).toEqual([]);
  });

  it("continues a text search from the last event shown", async () => {
    const events = Array.from({ length: 60 }, (_, index) => auditRow(60 - index));
    const { user, searches } = await openAuditPage(`${auditPath}?q=member`, undefined, [events]);
    await table();
    expect(searches[0]).toEqual({ p_org_id: fakeOrg.id, p_q: "member", p_limit: 50 });

    await user.click(screen.getByRole("button", { name: "Load older events" }));
    await waitFor(() => expect(rowTexts()).toHaveLength(60));
    const last = events[49]!;
    expect(searches.at(-1)).toEqual({
      p_org_id: fakeOrg.id,
      p_q: "member",
      p_before_occurred_at: last.occurred_at,
      p_before_id: last.id,
      p_limit: 50,
    });
  });

  it("offers the actions apps wrote to this org's log, and filters by one", async () => {
    const events = [
      auditRow(5, { action: "crm2.synced", target_user_id: null, target_email: null }),
      auditRow(4, { action: "customers.created", target_user_id: null, target_email: null }),
      ...sampleEvents(),
    ];
    const { user, router, requests } = await openAuditPage(auditPath, undefined, [events]);
    await table();

    const action = screen.getByLabelText("Action");
    const appGroup = await waitFor(() => {
      const group = action.querySelector('optgroup[label="App actions"]');
      expect(group).not.toBeNull();
      return group!;
    });
    // Roster's own actions in the log stay in their groups, named as before.
    expect(within(appGroup as HTMLElement).getAllByRole("option")).toEqual([
      screen.getByRole("option", { name: "Crm2 · synced" }),
      screen.getByRole("option", { name: "Customers · created" }),
    ]);

    await user.selectOptions(action, "crm2.synced");
    await waitFor(() =>
      expect(router.state.location.search).toBe(`?action=${encodeURIComponent("crm2.synced")}`),
    );
    expect(action).toHaveValue("crm2.synced");
    await waitFor(() =>
      expect(requests.at(-1)!.searchParams.get("action")).toBe("in.(crm2.synced)"),
    );
  });

  it("says when nothing matches, and clears the filters", async () => {
    const { user, router } = await openAuditPage(`${auditPath}?q=nothing`, undefined, [[]]);

    expect(await screen.findByText("No events match these filters")).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: "Clear filters" }).at(-1)!);
    expect(await screen.findByText("No events yet")).toBeInTheDocument();
    expect(router.state.location.search).toBe("");
  });

  it("shows an event's before/after as a diff with the request, and filters from it", async () => {
    const { user, router } = await openAuditPage();
    await table();

    await user.click(screen.getByRole("button", { name: "Details of event #3" }));
    const drawer = await screen.findByRole("dialog", {
      name: "Dana Owner changed Mo Member's role from Viewer to Member",
    });
    expect(router.state.location.search).toBe("?event=3");
    const diff = within(drawer).getByRole("table", { name: "Before and after" });
    const role = within(diff).getAllByRole("row")[1]!;
    expect(within(role).getByText("Viewer").tagName).toBe("DEL");
    expect(within(role).getByText("Member").tagName).toBe("INS");
    expect(drawer).toHaveTextContent("203.0.113.9");
    expect(drawer).toHaveTextContent("Firefox/128.0");
    expect(drawer).toHaveTextContent("Runs the front desk now");

    await user.click(within(drawer).getByRole("button", { name: "Only this target" }));
    await waitFor(() => expect(router.state.location.search).toBe(`?target=${people.mo.id}`));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("says where the hash chain breaks, and opens that event", async () => {
    const { user } = await openAuditPage(auditPath, undefined, [
      undefined,
      { ok: false, checked: 3, first_broken_id: 2 },
    ]);

    expect(await screen.findByText("Chain broken at event #2")).toBeInTheDocument();
    expect(screen.queryByText("Integrity verified")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show event #2" }));
    expect(
      await screen.findByRole("dialog", { name: "Dana Owner suspended Mo Member" }),
    ).toBeInTheDocument();
  });

  it.each([
    [403, "42501", "forbidden", "You don't have permission to do that."],
    [404, "PT404", "not_found", "We couldn't find that. It may have been removed."],
    [400, "22023", "invalid_input", "Some of the details aren't valid. Check them and try again."],
  ] as const)(
    "shows a %i %s refusal of the log as its message",
    async (status, code, hint, message) => {
      installFakeOrg();
      installFakeAudit();
      server.use(
        http.get(`${env.supabaseUrl}/rest/v1/audit_events`, () =>
          postgrestError(status, code, hint),
        ),
        http.post(`${env.supabaseUrl}/rest/v1/rpc/verify_audit_chain`, () =>
          postgrestError(status, code, hint),
        ),
      );
      await signInAsTestUser();
      renderApp(auditPath);

      const alert = await screen.findByRole("alert");
      expect(alert).toHaveTextContent("Couldn't load the audit log");
      expect(alert).toHaveTextContent(message);
      // a refused check is no evidence of tampering: no badge at all, never a warning
      if (code === "42501" || code === "PT404") {
        expect(screen.queryByText(/integrity/i)).not.toBeInTheDocument();
      } else {
        expect(await screen.findByText(`Integrity not checked: ${message}`)).toBeInTheDocument();
      }
    },
  );

  it("lets a viewer read the log but not export it", async () => {
    await openAuditPage(auditPath, { role: "viewer" });
    await table();

    expect(screen.queryByRole("button", { name: "Export" })).not.toBeInTheDocument();
  });

  it("tells a role without audit.read which permission the log needs and who grants it", async () => {
    await openAuditPage(auditPath, { role: "member" });

    expect(
      await screen.findByRole("heading", { name: "You don't have access to Audit log" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("main")).toHaveTextContent(
      "Audit log needs the audit.read permission (read the audit log). Your role in Acme Clinic, Member, doesn't include it.",
    );
    expect(screen.getByRole("main")).toHaveTextContent("The owner or an admin of Acme Clinic");
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });
});

describe("audit export", () => {
  function stubDownloads() {
    const created = vi.fn((blob: Blob) => (void blob, "blob:export"));
    URL.createObjectURL = created;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    return { created, click };
  }

  it("streams the filtered export, counting rows as they arrive, then downloads it", async () => {
    const downloads = stubDownloads();
    const encoder = new TextEncoder();
    let push: (text: string | null) => void = () => {};
    let asked: URL | undefined;
    const { user } = await openAuditPage(`${auditPath}?action=member.suspended&q=leave`);
    server.use(
      http.get(`${functions}/audit-export`, ({ request }) => {
        asked = new URL(request.url);
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            push = (text) =>
              text === null ? controller.close() : controller.enqueue(encoder.encode(text));
          },
        });
        return new HttpResponse(body, {
          headers: {
            "content-type": "application/x-ndjson",
            "content-disposition": 'attachment; filename="audit-acme.jsonl"',
          },
        });
      }),
    );
    await table();

    await user.click(screen.getByRole("button", { name: "Export" }));
    await user.click(await screen.findByRole("menuitem", { name: "JSON Lines" }));
    await waitFor(() => expect(asked).toBeDefined());
    expect(Object.fromEntries(asked!.searchParams)).toEqual({
      org_id: fakeOrg.id,
      format: "jsonl",
      action: "member.suspended",
      q: "leave",
    });
    push('{"id":1}\n{"id":2}\n');
    expect(await screen.findByText(/Exporting… 2 events/)).toBeInTheDocument();
    push('{"id":3}\n');
    expect(await screen.findByText(/Exporting… 3 events/)).toBeInTheDocument();
    push(null);

    expect(await screen.findByText("Exported 3 events")).toBeInTheDocument();
    expect(downloads.click).toHaveBeenCalledTimes(1);
    expect(await downloads.created.mock.calls[0]![0].text()).toBe('{"id":1}\n{"id":2}\n{"id":3}\n');
    expect(screen.getByRole("button", { name: "Export" })).toBeInTheDocument();
  });

  it("counts CSV rows without the header", async () => {
    const downloads = stubDownloads();
    const { user } = await openAuditPage();
    server.use(
      http.get(
        `${functions}/audit-export`,
        () =>
          new HttpResponse("id,action\r\n1,org.created\r\n2,org.updated\r\n", {
            headers: { "content-type": "text/csv" },
          }),
      ),
    );
    await table();

    await user.click(screen.getByRole("button", { name: "Export" }));
    await user.click(await screen.findByRole("menuitem", { name: "CSV (spreadsheets)" }));

    expect(await screen.findByText("Exported 2 events")).toBeInTheDocument();
    expect(downloads.click).toHaveBeenCalledTimes(1);
  });

  it.each([
    [403, "forbidden", "You don't have permission to do that."],
    [429, "rate_limited", "Too many attempts. Wait a moment and try again."],
    [400, "invalid_input", "Some of the details aren't valid. Check them and try again."],
  ] as const)("reports a %i %s refusal of the export", async (status, hint, message) => {
    const downloads = stubDownloads();
    const { user } = await openAuditPage();
    server.use(
      http.get(`${functions}/audit-export`, () =>
        HttpResponse.json({ code: hint, message: "no", hint }, { status }),
      ),
    );
    await table();

    await user.click(screen.getByRole("button", { name: "Export" }));
    await user.click(await screen.findByRole("menuitem", { name: "CSV (spreadsheets)" }));

    expect(await screen.findByText(`The export failed. ${message}`)).toBeInTheDocument();
    expect(downloads.click).not.toHaveBeenCalled();
  });
});
