// Bytes that are not UTF-8, where PostgREST 12 answers a plain-text 500 before Roster's code
// runs (supabase/local/utf8.ts): the gateway refuses them with a 400 carrying a hint, and
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

  it("a CSV body with a bad byte is a 400 and writes nothing", async () => {
    const answer = await call({
      path: "/rest/v1/customers",
      token: owner.token,
      headers: { "content-type": "text/csv" },
      body: Buffer.concat([Buffer.from(`org_id,name\n${org.id},csv`), Buffer.from([0xdd])]),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "PGRST102", hint: "invalid_input" });
    expect(await customerNamed("csv\ufffd")).toEqual([]);
  });

  it("well-formed form and CSV bodies still reach PostgREST", async () => {
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
