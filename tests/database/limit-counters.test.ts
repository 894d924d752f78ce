// Limits counted per client address in the database (issue 10): roster_private.limit_counters, and the
// invitation preview's 30 lookups per address per minute (roster_private.limits 'invitation_previews').
// A caller may not get past the limit by calling at once or by rotating IPv6 addresses within its
// /64, and the counters may not pile up. (That only the service role can name an address, and
// that two function instances share one count, is tested over HTTP: tests/attack/client-address,
// tests/api/functions-invitation-preview.)
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closePools, ownerPool, rpc, testRequestHeaders, type PgError } from "../support/db.ts";

afterAll(closePools);

const limit = 30;
// An address no other run has counted in this window.
const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

// One lookup as the invitation-preview function makes it: the service role, vouching for its
// caller's address.
const lookupFrom = (address: string) =>
  rpc(
    { role: "service_role" },
    "get_invitation_preview",
    { p_token: "abc" },
    {
      ...testRequestHeaders,
      "sb-forwarded-for": address,
    },
  );

async function outcomes(calls: Array<Promise<unknown>>): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((result) => {
    if (result.status === "fulfilled") return "ok";
    const error = result.reason as PgError;
    return `${error.code} ${error.hint}`;
  });
}

const tally = (seen: string[]) =>
  Object.fromEntries([...new Set(seen)].map((o) => [o, seen.filter((s) => s === o).length]));

describe("the invitation-preview limit per client address", () => {
  it("lets exactly the limit through when one address calls all at once", async () => {
    const address = freshAddress();
    const seen = await outcomes(Array.from({ length: limit + 15 }, () => lookupFrom(address)));
    expect(tally(seen)).toEqual({ ok: limit, "PT429 rate_limited": 15 });
    // another address is counted apart
    expect(await outcomes([lookupFrom(freshAddress())])).toEqual(["ok"]);
  });

  it("counts an IPv6 caller by its /64", async () => {
    const network = `2001:db8:${randomUUID().slice(0, 4)}:1`;
    const seen = await outcomes(
      Array.from({ length: limit + 1 }, (_, i) =>
        lookupFrom(`${network}::${(i + 1).toString(16)}`),
      ),
    );
    expect(tally(seen)).toEqual({ ok: limit, "PT429 rate_limited": 1 });
    expect(await outcomes([lookupFrom(`${network}:ffff:ffff:ffff:ffff`)])).toEqual([
      "PT429 rate_limited",
    ]);
    // the neighbouring /64 is another subscriber
    expect(await outcomes([lookupFrom(network.replace(/:1$/, ":2") + "::1")])).toEqual(["ok"]);
  });
});

describe("counters (roster_private.hit_limit)", () => {
  // A limit of this test's own, so other tests' counters never mix in.
  const name = `test_${randomUUID().slice(0, 8)}`;
  const hit = (key: string) =>
    ownerPool.query(`select roster_private.hit_limit($1, $2, 'Over %s per %s.')`, [name, key]);
  const counters = async () =>
    (
      await ownerPool.query<{ key: string; hits: number; expired: boolean }>(
        `select key, hits, window_start <= now() - interval '1 minute' as expired
         from roster_private.limit_counters where limit_name = $1 order by key`,
        [name],
      )
    ).rows;

  afterAll(() => ownerPool.query(`delete from roster_private.limits where name = $1`, [name]));

  it("start a new window once the old one has ended, and prune expired ones", async () => {
    await ownerPool.query(
      `insert into roster_private.limits (name, max_events, per_window) values ($1, 2, interval '1 minute')`,
      [name],
    );
    await hit("a");
    await hit("a");
    await expect(hit("a")).rejects.toMatchObject({ code: "PT429", hint: "rate_limited" });
    // 150 callers from two minutes ago, and "a" with them
    await ownerPool.query(
      `insert into roster_private.limit_counters (limit_name, key, window_start, hits)
       select $1, 'old-' || g, now() - interval '2 minutes', 2 from generate_series(1, 150) g`,
      [name],
    );
    await ownerPool.query(
      `update roster_private.limit_counters set window_start = now() - interval '2 minutes'
       where limit_name = $1 and key = 'a'`,
      [name],
    );
    await hit("a");
    expect((await counters()).find((c) => c.key === "a")).toEqual({
      key: "a",
      hits: 1,
      expired: false,
    });
    // each hit prunes up to 100 expired counters: two hits clear all 150
    expect((await counters()).filter((c) => c.expired).length).toBeGreaterThanOrEqual(50);
    await hit("b");
    expect((await counters()).map((c) => c.key)).toEqual(["a", "b"]);
  });
});
