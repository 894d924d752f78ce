import { AuthApiError, AuthRetryableFetchError } from "@supabase/auth-js";
import { PostgrestError } from "@supabase/postgrest-js";
import { describe, expect, it } from "vitest";
import { getErrorHint, getErrorMessage } from "../errors";

function postgrestError(hint: string) {
  return new PostgrestError({ message: "raw server text", details: "", hint, code: "P0001" });
}

describe("getErrorMessage", () => {
  it("turns a known hint into a human message", () => {
    expect(getErrorMessage(postgrestError("last_owner"))).toMatch(/must always have an owner/);
    expect(getErrorHint(postgrestError("last_owner"))).toBe("last_owner");
  });

  it("explains an email setup the platform blocks, from the invitations function", () => {
    expect(getErrorMessage(postgrestError("email_port_blocked"))).toMatch(/port Supabase blocks/);
  });

  it("never shows raw server text for an unknown hint", () => {
    expect(getErrorHint(postgrestError("constructor"))).toBeUndefined();
    expect(getErrorMessage(postgrestError("something_new"))).toBe(
      "Something went wrong. Please try again.",
    );
  });

  it("maps Auth error codes, and keeps Auth's own words for codes it doesn't know", () => {
    expect(
      getErrorMessage(new AuthApiError("Invalid login credentials", 400, "invalid_credentials")),
    ).toMatch(/^Invalid login credentials\./);
    expect(
      getErrorMessage(new AuthApiError("Signups not allowed for otp", 422, "otp_disabled")),
    ).toBe("Signups not allowed for otp");
  });

  it("explains network failures", () => {
    expect(getErrorMessage(new AuthRetryableFetchError("Failed to fetch", 0))).toMatch(
      /can't reach the server/i,
    );
  });

  // Errors raised before Roster's code runs carry no hint (docs/database.md §2).
  it.each([
    ["PGRST102", "invalid JSON body", /details aren't valid/],
    ["PGRST100", "unparsable query string", /details aren't valid/],
    ["22P05", "NUL in a text argument", /details aren't valid/],
    ["22P02", "not an integer", /details aren't valid/],
    ["23514", "check constraint", /details aren't valid/],
    ["PGRST116", "no row for a single-object answer", /couldn't find that/],
    ["PGRST202", "RPC missing from the schema cache", /out of date with the server/],
    ["42883", "no such function", /out of date with the server/],
    ["PGRST301", "JWT could not be decoded", /session has expired/],
    ["PGRST303", "JWT expired", /session has expired/],
    ["PGRST003", "connection pool timeout", /server is busy/],
    ["53300", "too many connections", /server is busy/],
    ["57014", "statement timeout", /took too long/],
    ["40001", "serialization failure", /at the same moment/],
    ["42501", "privilege check without a hint", /don't have permission/],
    ["23503", "foreign key", /no longer exists/],
  ])("explains %s (%s) without a hint", (code, _what, message) => {
    const error = new PostgrestError({ message: "raw", details: "", hint: "", code });
    expect(getErrorMessage(error)).toMatch(message);
  });

  it("prefers the hint over the code", () => {
    const error = new PostgrestError({
      message: "raw",
      details: "",
      hint: "rate_limited",
      code: "PT429",
    });
    expect(getErrorMessage(error)).toMatch(/Too many attempts/);
  });

  it("falls back for a code it does not know", () => {
    const error = new PostgrestError({ message: "raw", details: "", hint: "", code: "XX000" });
    expect(getErrorMessage(error)).toBe("Something went wrong. Please try again.");
  });

  it("falls back for anything else", () => {
    expect(getErrorMessage(new Error("boom"))).toBe("Something went wrong. Please try again.");
    expect(getErrorMessage(undefined)).toBe("Something went wrong. Please try again.");
  });
});
