import { describe, expect, it } from "vitest";
import { formatTimeAgo, formatTimeLeft, getInitials } from "../format";

const now = Date.parse("2026-03-10T12:00:00Z");
const before = (ms: number) => new Date(now - ms).toISOString();

describe("formatTimeAgo", () => {
  it.each([
    [20_000, "just now"],
    [2 * 60_000, "2 min ago"],
    [3 * 3_600_000 + 5 * 60_000, "3 h ago"],
    [86_400_000, "1 day ago"],
    [5 * 86_400_000, "5 days ago"],
    [45 * 86_400_000, "Jan 24, 2026"],
  ])("%i ms ago → %j", (ms, text) => {
    expect(formatTimeAgo(before(ms), now)).toBe(text);
  });
});

describe("formatTimeLeft", () => {
  it("says how long is left, and nothing once the time has passed", () => {
    expect(formatTimeLeft(new Date(now + 47 * 3_600_000 + 59 * 60_000), now)).toBe("in 47 h");
    expect(formatTimeLeft(new Date(now + 3 * 86_400_000), now)).toBe("in 3 days");
    expect(formatTimeLeft(before(1), now)).toBeNull();
  });
});

describe("getInitials", () => {
  it.each([
    ["Dana Owner", "DO"],
    ["Mary Ann van Dyke", "MD"],
    ["dana", "D"],
    ["dana.owner@acme.test", "DO"],
    ["", ""],
  ])("%j → %j", (name, initials) => {
    expect(getInitials(name)).toBe(initials);
  });
});
