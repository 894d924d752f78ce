// Bytes that are not UTF-8, where PostgREST 12 answers a plain-text 500 before Roster's code
// runs (supabase/local/utf8.ts): the gateway refuses them with a 4xx carrying a hint, and
// nothing is written.
import { beforeAll, describe, expect, it } from "vitest";
import { createOrg, signUp, type Actor, type Org } from "./support/actors.ts";
import { call, ok } from "./support/http.ts";

let owner: Actor;
let org: Org;

beforeAll(async () => {
  owner = await signUp("utf8-owner");
  org = await createOrg(owner, "Bytes");
});

const customerNamed = async (name: string) =>
  ok<unknown[]>(
    await call({
      path: `/rest/v1/customers?org_id=eq.${org.id}&name=eq.${encodeURIComponent(name)}&select=id`,
      token: owner.token,
    }),
    "read customers",
  );

describe("input that is not UTF-8", () => {
  it.each(["%FF", "%C0%AF", "%ED%A0%80"])("a query string escaping %s is a 400", async (bad) => {
    const answer = await call({
      path: `/rest/v1/customers?select=id&name=eq.${bad}`,
      token: owner.token,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "PGRST100", hint: "invalid_input" });
  });

  it("a form-urlencoded body escaping a bad byte is a 400 and writes nothing", async () => {
    const answer = await call({
      path: "/rest/v1/customers",
      token: owner.token,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `org_id=${org.id}&name=form%DDname`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "PGRST102", hint: "invalid_input" });
  });

  // PostgREST 12.0.2 answers a bad byte in a CSV body with a plain 500, and drops the
  // connection (502 at the gateway) on astral-plane characters in the header row.
  it.each([
    ["a bad byte", Buffer.concat([Buffer.from(`org_id,name\ncsv`), Buffer.from([0xdd])])],
    [
      "astral-plane characters in the header",
      Buffer.from(`org_id,name,\u{7d791}\u{9dae5}\ncsv,x,y`),
    ],
  ])("a CSV body (%s) is refused with 415 and writes nothing", async (_, body) => {
    const csv = Buffer.from(body.toString("latin1").replace("csv", `${org.id},csv`), "latin1");
    for (const path of ["/rest/v1/customers", "/rest/v1/rpc/suggest_organization_slug"]) {
      const answer = await call({
        path,
        token: owner.token,
        headers: { "content-type": "text/csv" },
        body: csv,
      });
      expect(answer.status, `${path}: ${answer.text}`).toBe(415);
      expect(answer.body).toMatchObject({ code: "PGRST107", hint: "invalid_input" });
    }
    expect(await customerNamed("csv")).toEqual([]);
  });

  it("well-formed form bodies still reach PostgREST", async () => {
    const form = await call({
      path: "/rest/v1/customers",
      token: owner.token,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `org_id=${org.id}&name=Caf%C3%A9`,
    });
    expect(form.status, form.text).toBe(201);
    expect(await customerNamed("Café")).toHaveLength(1);
  });
});
