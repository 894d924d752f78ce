import assert from "node:assert/strict";
import { ResendTransport } from "./resend.ts";
import { SmtpTransport } from "./smtp.ts";
import {
  blockedPortReason,
  deliver,
  transportFromEnv,
  undeliverableReason,
  type EmailTransport,
} from "./transport.ts";

const env = (values: Record<string, string>) => ({ get: (name: string) => values[name] });
const message = { to: "a@example.com", subject: "Hi", html: "<p>Hi</p>", text: "Hi" };

Deno.test("the environment chooses the transport", () => {
  assert.ok(transportFromEnv(env({})) instanceof SmtpTransport);
  assert.ok(
    transportFromEnv(
      env({ EMAIL_TRANSPORT: "smtp", SMTP_HOST: "mail", SMTP_PORT: "2525" }),
    ) instanceof SmtpTransport,
  );
  assert.ok(
    transportFromEnv(env({ EMAIL_TRANSPORT: "resend", RESEND_API_KEY: "re_x" })) instanceof
      ResendTransport,
  );
  assert.throws(() => transportFromEnv(env({ EMAIL_TRANSPORT: "resend" })), /RESEND_API_KEY/);
  assert.throws(
    () => transportFromEnv(env({ EMAIL_TRANSPORT: "pigeon" })),
    /Unknown EMAIL_TRANSPORT/,
  );
});

Deno.test("the Resend transport posts the message with the API key", async () => {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fakeFetch = (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init! });
    return Promise.resolve(Response.json({ id: "email_1" }));
  };
  await new ResendTransport({
    apiKey: "re_123",
    from: "Roster <r@x.io>",
    fetch: fakeFetch as typeof fetch,
  }).send(message);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.url, "https://api.resend.com/emails");
  assert.equal(new Headers(calls[0]!.init.headers).get("authorization"), "Bearer re_123");
  assert.deepEqual(JSON.parse(String(calls[0]!.init.body)), {
    from: "Roster <r@x.io>",
    to: ["a@example.com"],
    subject: "Hi",
    html: "<p>Hi</p>",
    text: "Hi",
  });
});

Deno.test("the Resend transport reports the provider error", async () => {
  const fakeFetch = () =>
    Promise.resolve(Response.json({ message: "The to address is invalid" }, { status: 422 }));
  await assert.rejects(
    new ResendTransport({ apiKey: "k", from: "f@x.io", fetch: fakeFetch as typeof fetch }).send(
      message,
    ),
    /422: The to address is invalid/,
  );
});

Deno.test("reserved .invalid domains are never handed to a provider", async () => {
  assert.match(undeliverableReason("x@bounce.invalid") ?? "", /reserved/);
  assert.match(undeliverableReason("x@INVALID") ?? "", /reserved/);
  assert.equal(undeliverableReason("x@invalid.example.com"), undefined);
  let sent = 0;
  const counting: EmailTransport = { name: "count", send: () => Promise.resolve(void sent++) };
  await assert.rejects(deliver(counting, { ...message, to: "x@bounce.invalid" }), /reserved/);
  await deliver(counting, message);
  assert.equal(sent, 1);
});

Deno.test("SMTP failures reject with the reason", async () => {
  const down = new SmtpTransport({ host: "127.0.0.1", port: 9, secure: false, from: "f@x.io" });
  await assert.rejects(down.send(message), /ECONNREFUSED|refused/i);
});

Deno.test("on hosted Supabase, SMTP on ports 25 and 587 is refused with the reason", () => {
  const hosted = { SB_REGION: "eu-central-1" };
  for (const port of ["25", "587"])
    assert.match(
      blockedPortReason(env({ ...hosted, SMTP_HOST: "smtp.example.com", SMTP_PORT: port })) ?? "",
      new RegExp(`port ${port}.*SMTP_PORT=465.*EMAIL_TRANSPORT=resend`),
    );
  // no SMTP_PORT means 587, the default
  assert.match(blockedPortReason(env(hosted)) ?? "", /port 587/);
  assert.equal(
    blockedPortReason(env({ ...hosted, SMTP_PORT: "465", SMTP_SECURE: "true" })),
    undefined,
  );
  assert.equal(blockedPortReason(env({ ...hosted, SMTP_PORT: "2587" })), undefined);
  assert.equal(blockedPortReason(env({ ...hosted, EMAIL_TRANSPORT: "resend" })), undefined);
});

Deno.test("off hosted Supabase every SMTP port is allowed", () => {
  assert.equal(blockedPortReason(env({})), undefined);
  assert.equal(blockedPortReason(env({ SMTP_HOST: "inbucket", SMTP_PORT: "25" })), undefined);
});
