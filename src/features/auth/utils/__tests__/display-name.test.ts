import type { User } from "@supabase/auth-js";
import { describe, expect, it } from "vitest";
import { getDisplayName } from "../display-name";

function user(fields: Partial<User>): User {
  return {
    id: "u1",
    aud: "authenticated",
    app_metadata: {},
    user_metadata: {},
    created_at: "2025-01-01T00:00:00Z",
    ...fields,
  };
}

describe("getDisplayName", () => {
  it("prefers the full name", () => {
    expect(
      getDisplayName(user({ email: "dana@acme.test", user_metadata: { full_name: "Dana Owner" } })),
    ).toBe("Dana Owner");
  });

  it("falls back to the email when the full name is missing or blank", () => {
    expect(getDisplayName(user({ email: "dana@acme.test" }))).toBe("dana@acme.test");
    expect(
      getDisplayName(user({ email: "dana@acme.test", user_metadata: { full_name: "  " } })),
    ).toBe("dana@acme.test");
  });
});
