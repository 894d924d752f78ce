import { describe, expect, it } from "vitest";
import { paths, safeRedirect } from "../paths";

describe("paths.signIn.getHref", () => {
  it("carries the destination, encoded, unless it is home", () => {
    expect(paths.signIn.getHref("/orgs/acme?tab=all")).toBe(
      "/sign-in?redirect=%2Forgs%2Facme%3Ftab%3Dall",
    );
    expect(paths.signIn.getHref("/")).toBe("/sign-in");
    expect(paths.signIn.getHref()).toBe("/sign-in");
  });
});

describe("safeRedirect", () => {
  it("keeps paths inside the app", () => {
    expect(safeRedirect("/orgs/acme/members?role=admin#top")).toBe(
      "/orgs/acme/members?role=admin#top",
    );
  });

  it.each([
    null,
    "",
    "https://evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "javascript:alert(1)",
    "orgs/acme",
  ])("sends %j home", (target) => {
    expect(safeRedirect(target)).toBe("/");
  });
});

describe("organization paths", () => {
  it("put the organization's slug in the URL", () => {
    expect(paths.members.getHref("tehran-dental")).toBe("/o/tehran-dental/members");
    expect(paths.settings.getHref("tehran-dental")).toBe("/o/tehran-dental/settings");
    expect(paths.signUp.getHref("/o/acme/members")).toBe("/sign-up?redirect=%2Fo%2Facme%2Fmembers");
  });
});
