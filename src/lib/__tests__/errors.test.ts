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

  it("falls back for anything else", () => {
    expect(getErrorMessage(new Error("boom"))).toBe("Something went wrong. Please try again.");
    expect(getErrorMessage(undefined)).toBe("Something went wrong. Please try again.");
  });
});
