// The API tests are portable: they find their target under the names `supabase status -o env`
// prints, and read mail through whichever catcher that target runs (MailDev here, Mailpit
// under `supabase start`).
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../supabase/local/config.ts";
import { signedUpClient } from "../support/clients.ts";
import { countEmails, firstLink, fromMailpit, mailbox, waitForEmail } from "../support/inbox.ts";
import { onLocalStandIn, stackEnv } from "../support/stack.ts";

// What tests/support/stack.ts makes of an environment, seen from a fresh process.
async function resolveTarget(env: Record<string, string>) {
  const script = `import("./tests/support/stack.ts").then((m) =>
  console.log(JSON.stringify({ env: m.stackEnv, local: m.onLocalStandIn })));`;
  const { stdout } = await promisify(execFile)(
    join(projectRoot, "node_modules", ".bin", "tsx"),
    ["--eval", script],
    { cwd: projectRoot, env: { PATH: process.env.PATH, ...env } },
  );
  return JSON.parse(stdout) as { env: Record<string, string>; local: boolean };
}

describe("the stack under test", () => {
  // The stand-in's own values under the names `supabase status -o env` and functions use.
  const supabaseNames = {
    SUPABASE_URL: stackEnv.API_URL,
    SUPABASE_ANON_KEY: stackEnv.ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: stackEnv.SERVICE_ROLE_KEY,
    DB_URL: stackEnv.DB_URL,
    MAILPIT_URL: stackEnv.INBOX_URL,
  };

  it("is named by SUPABASE_URL, the keys, DB_URL and MAILPIT_URL, with SITE_URL from config.toml", async () => {
    const { env } = await resolveTarget({ ...supabaseNames, ROSTER_STACK: "none" });
    expect(env).toMatchObject({
      API_URL: stackEnv.API_URL,
      ANON_KEY: stackEnv.ANON_KEY,
      SERVICE_ROLE_KEY: stackEnv.SERVICE_ROLE_KEY,
      DB_URL: stackEnv.DB_URL,
      INBOX_URL: stackEnv.INBOX_URL,
    });
    const toml = await readFile(join(projectRoot, "supabase", "config.toml"), "utf8");
    expect(toml).toContain(`site_url = "${env.SITE_URL}"`);
  });

  it.skipIf(!onLocalStandIn)(
    "knows the local stand-in from another stack at a different address",
    async () => {
      const here = await resolveTarget({
        ...supabaseNames,
        ROSTER_STACK: process.env.ROSTER_STACK ?? "dev",
      });
      expect(here.local).toBe(true);
      const elsewhere = await resolveTarget({
        ...supabaseNames,
        SUPABASE_URL: "http://127.0.0.1:1",
      });
      expect(elsewhere.local).toBe(false);
    },
  );
});

describe("the inbox adapter", () => {
  it("reads a real email from the stack's mail catcher", async () => {
    const { client, email } = await signedUpClient("inbox");
    expect(await countEmails(email)).toBe(0);
    const { error } = await client.auth.signInWithOtp({
      email,
      options: { shouldCreateUser: false, emailRedirectTo: stackEnv.SITE_URL },
    });
    expect(error).toBeNull();

    const mail = await waitForEmail(email);
    expect(mail.to.map((to) => to.toLowerCase())).toContain(email.toLowerCase());
    expect(mail.subject).not.toBe("");
    expect(new URL(firstLink(mail)).pathname).toMatch(/\/auth\/v1\/verify$/);
    expect(await countEmails(email)).toBe(1);
    if (onLocalStandIn) expect((await mailbox()).kind).toBe("maildev");
  });

  // Recorded in the shape of Mailpit v1.22.3's API (server/ui/api/v1/swagger.json: the
  // MessagesSummary and Message definitions), the version `supabase start` runs at CLI v2.104.
  it("understands Mailpit's search results and messages", async () => {
    const fixture = (name: string) =>
      readFile(join(import.meta.dirname, "fixtures", name), "utf8").then(JSON.parse);
    const search = (await fixture("mailpit-search.json")) as { messages: unknown[] };
    const [newest, older] = search.messages.map(fromMailpit);
    expect(newest).toMatchObject({
      id: "kz8JRsDuCMhNfpRCWXFaXS",
      to: ["Invitee@Example.com"],
      subject: "Ada invited you to join Acme on Roster",
      text: "",
    });
    expect(older!.to).toEqual(["other-invitee@example.com"]);

    const message = fromMailpit(await fixture("mailpit-message.json"));
    expect(message.id).toBe(newest!.id);
    expect(message.html).toContain("<a href=");
    expect(firstLink(message)).toBe(
      "http://127.0.0.1:5173/invite/pQ9x_Lr-2vB#email=invitee%40example.com",
    );
  });
});
