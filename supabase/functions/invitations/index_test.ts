// The function as deployed: its Deno.serve handler, called with a real request and no network.
// The port check comes first, so an answer shows whether the request was refused at it (503
// email_port_blocked) or went on (to the caller check, which refuses this unsigned caller).
import assert from "node:assert/strict";

type Handler = (request: Request, info: Deno.ServeHandlerInfo) => Promise<Response>;

async function loadHandler(): Promise<Handler> {
  // Module code runs once: capture Deno.serve's handler on the first import.
  const serve = Deno.serve;
  let handler: Handler | undefined;
  Object.assign(Deno, {
    serve: (captured: Handler) => {
      handler = captured;
    },
  });
  try {
    await import("./index.ts");
  } finally {
    Object.assign(Deno, { serve });
  }
  return handler!;
}

const info = {
  remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 40000 },
  completed: Promise.resolve(),
} as Deno.ServeHandlerInfo;

function invite(): Request {
  return new Request("http://127.0.0.1/invitations", {
    method: "POST",
    headers: { authorization: "Bearer caller-jwt", "content-type": "application/json" },
    body: JSON.stringify({
      action: "create",
      org_id: crypto.randomUUID(),
      emails: ["invitee@example.com"],
      role: "member",
    }),
  });
}

async function withEnv<T>(
  values: Record<string, string | undefined>,
  work: () => Promise<T>,
): Promise<T> {
  const before = Object.keys(values).map((name) => [name, Deno.env.get(name)] as const);
  for (const [name, value] of Object.entries(values))
    if (value === undefined) Deno.env.delete(name);
    else Deno.env.set(name, value);
  try {
    return await work();
  } finally {
    for (const [name, value] of before)
      if (value === undefined) Deno.env.delete(name);
      else Deno.env.set(name, value);
  }
}

const handler = await loadHandler();
const smtp = {
  SUPABASE_URL: undefined,
  SITE_URL: "https://roster.example.com",
  EMAIL_TRANSPORT: "smtp",
  SMTP_HOST: "smtp.example.com",
};

async function answer(env: Record<string, string | undefined>) {
  const response = await withEnv({ ...smtp, ...env }, () => handler(invite(), info));
  return { status: response.status, ...(await response.json()) };
}

Deno.test(
  "on hosted Supabase, SMTP on a blocked port is refused before anything else",
  async () => {
    for (const port of ["25", "587", undefined]) {
      const refused = await answer({ SB_REGION: "eu-central-1", SMTP_PORT: port });
      assert.equal(refused.status, 503);
      assert.equal(refused.hint, "email_port_blocked");
      assert.match(refused.message, new RegExp(`port ${port ?? 587}.*SMTP_PORT=465`));
    }
    const implicitTls = await answer({ SB_REGION: "eu-central-1", SMTP_PORT: "465" });
    assert.equal(implicitTls.status, 401);
  },
);

Deno.test("off hosted Supabase the same port is allowed", async () => {
  const local = await answer({ SB_REGION: undefined, SMTP_PORT: "587" });
  assert.equal(local.status, 401);
  assert.equal(local.hint, "unauthorized");
});
