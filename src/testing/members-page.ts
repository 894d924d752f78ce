import { screen, within } from "@testing-library/react";
import { fakeOrg, installFakeOrg } from "./fake-org";
import { renderApp, signInAsTestUser } from "./test-utils";

/** Signs the test user in and opens the fake organization's members page. */
export async function openMembersPage(options?: Parameters<typeof installFakeOrg>[0]) {
  const org = installFakeOrg(options);
  await signInAsTestUser();
  const view = renderApp(`/o/${fakeOrg.slug}/members`);
  const table = await screen.findByRole("table", { name: "Members" });
  return { ...view, org, table };
}

/** The table row showing `name` (a person's name, or an invitation's email). */
export function rowOf(name: string): HTMLElement {
  // hidden: an open dialog hides the page from the accessibility tree.
  const table = screen.getByRole("table", { hidden: true });
  const cell = within(table).getByText(name, { selector: "span" });
  const row = cell.closest('[role="row"]');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${name}`);
  return row;
}

/** Opens the actions menu on `who`'s row and returns its item named `action`. */
export async function rowAction(
  user: ReturnType<typeof renderApp>["user"],
  who: string,
  action: string,
): Promise<HTMLElement> {
  await user.click(screen.getByRole("button", { name: `Actions for ${who}` }));
  return screen.findByRole("menuitem", { name: action });
}
