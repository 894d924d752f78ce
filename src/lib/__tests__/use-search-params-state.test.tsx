import { act, render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { useSearchParamsState } from "../use-search-params-state";

type Setter = ReturnType<typeof useSearchParamsState>[1];

function renderWithRouter(initial: string) {
  const handle: { set?: Setter } = {};
  function Probe() {
    const [, set] = useSearchParamsState();
    handle.set = set;
    return null;
  }
  const router = createMemoryRouter([{ path: "/", element: <Probe /> }], {
    initialEntries: [initial],
  });
  render(<RouterProvider router={router} />);
  return { router, set: (update: Parameters<Setter>[0]) => handle.set!(update) };
}

const withParam = (key: string, value: string) => (previous: URLSearchParams) => {
  previous.set(key, value);
  return previous;
};

describe("useSearchParamsState", () => {
  it("keeps both of two updates made before the page re-renders", () => {
    const { router, set } = renderWithRouter("/?action=x");
    act(() => {
      set(withParam("q", "desk"));
      set(withParam("from", "2026-03-01"));
    });
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      action: "x",
      q: "desk",
      from: "2026-03-01",
    });
  });

  it("keeps an update made while an earlier one is still rendering", async () => {
    const { router, set } = renderWithRouter("/?action=x");
    // The first update renders in between; the third must still build on the second.
    await act(async () => {
      set(withParam("q", "desk"));
      set(withParam("from", "2026-03-01"));
      await Promise.resolve();
      set(withParam("to", "2026-03-31"));
    });
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      action: "x",
      q: "desk",
      from: "2026-03-01",
      to: "2026-03-31",
    });
  });

  it("builds on a navigation made elsewhere (back button, links)", async () => {
    const { router, set } = renderWithRouter("/?action=x");
    await act(() => router.navigate("/?actor=dana"));
    act(() => set(withParam("q", "desk")));
    expect(router.state.location.search).toBe("?actor=dana&q=desk");
  });
});
