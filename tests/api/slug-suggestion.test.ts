// suggest_organization_slug: a taken address comes with a free one near it, for signed-in users.
import { describe, expect, it } from "vitest";
import { anonClient } from "../support/clients.ts";
import { createOrganization, signUp } from "../support/people.ts";

describe("suggest_organization_slug", () => {
  it("returns the address itself when free, and the next free -N when taken", async () => {
    const owner = await signUp("slug-owner");
    const { slug } = await createOrganization(owner, "Slugged");

    const free = await owner.client.rpc("suggest_organization_slug", { p_slug: `${slug}-x` });
    expect(free.data).toBe(`${slug}-x`);

    const taken = await owner.client.rpc("suggest_organization_slug", { p_slug: slug });
    expect(taken.error).toBeNull();
    expect(taken.data).toBe(`${slug}-2`);
    // The suggestion really is free: creating with it succeeds.
    const created = await owner.client.rpc("create_organization", {
      p_name: "Slugged again",
      p_slug: taken.data!,
    });
    expect(created.error).toBeNull();
    const next = await owner.client.rpc("suggest_organization_slug", { p_slug: slug });
    expect(next.data).toBe(`${slug}-3`);
  });

  it("is not for signed-out callers", async () => {
    const { error } = await anonClient().rpc("suggest_organization_slug", { p_slug: "acme" });
    expect(error?.code).toBe("42501");
  });
});
