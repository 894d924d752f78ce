import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { usePreferences } from "@/stores/preferences";
import { server } from "./server";

// jsdom has neither; the theme reads matchMedia and Radix menus measure with ResizeObserver.
window.matchMedia = (query) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  }) satisfies MediaQueryList;

globalThis.ResizeObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// Routes are lazy modules; the first visit to one in a test file includes transforming it,
// which on a loaded 2-core machine has taken over 5 s (a ceiling, not a measure: waits end as
// soon as the element shows).
configure({ asyncUtilTimeout: 15_000 });
vi.setConfig({ testTimeout: 20_000 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));

afterEach(() => {
  cleanup();
  server.resetHandlers();
  // supabase-js keeps the session here; clearing it signs the next test out.
  localStorage.clear();
  usePreferences.setState(usePreferences.getInitialState());
});

afterAll(() => server.close());
