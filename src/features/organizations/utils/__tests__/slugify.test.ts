import { describe, expect, it } from "vitest";
import { isValidSlug, slugify } from "../slugify";

describe("slugify", () => {
  it.each([
    ["Priya's Lab", "priya-s-lab"],
    ["  Tehran Dental  ", "tehran-dental"],
    ["Clínica Señor", "clinica-senor"],
    ["--Acme!!", "acme"],
    ["a".repeat(80), "a".repeat(63)],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("isValidSlug", () => {
  it("accepts lowercase words joined by single hyphens", () => {
    expect(isValidSlug("tehran-dental-2")).toBe(true);
  });

  it.each(["", "Tehran", "-acme", "acme-", "a--b", "a_b", "a".repeat(64)])("refuses %j", (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });
});
