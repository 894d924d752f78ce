// npm run support:restore -- --org <slug|id> --email <addr> --ticket <ref> --operator <name>
// Restores an owner for an organization whose owner is unreachable, through the
// support-recovery edge function with the secret key (or the legacy service role key). Audited
// as actor kind `support`. Targets SUPABASE_URL + SUPABASE_SECRET_KEY (or
// SUPABASE_SERVICE_ROLE_KEY) when set (a hosted project), otherwise the local stack running from
// this checkout (ROSTER_STACK, default dev).
import { parseArgs } from "node:util";
import { stackConfig } from "../supabase/local/config.ts";
import { readRunningStackEnv } from "../supabase/local/status.ts";

const usage =
  "usage: npm run support:restore -- --org <slug|id> --email <addr> --ticket <ref> --operator <name>";

async function target(): Promise<{ url: string; key: string }> {
  const url = process.env.SUPABASE_URL;
  const key = process.env.SUPABASE_SECRET_KEY ?? process.env.SUPABASE_SERVICE_ROLE_KEY;
  if (url && key) return { url: url.replace(/\/+$/, ""), key };
  const env = await readRunningStackEnv(stackConfig());
  if (!env)
    throw new Error(
      "No running local stack: start one with npm run stack, or set SUPABASE_URL and SUPABASE_SECRET_KEY.",
    );
  return { url: env.API_URL, key: env.SECRET_KEY };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      org: { type: "string" },
      email: { type: "string" },
      ticket: { type: "string" },
      operator: { type: "string" },
    },
    strict: true,
  });
  const missing = (["org", "email", "ticket", "operator"] as const).filter(
    (name) => !values[name]?.trim(),
  );
  if (missing.length > 0) {
    console.error(`missing ${missing.map((m) => `--${m}`).join(", ")}\n${usage}`);
    return 2;
  }
  const { url, key } = await target();
  const response = await fetch(`${url}/functions/v1/support-recovery`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, apikey: key, "content-type": "application/json" },
    body: JSON.stringify({
      org: values.org,
      email: values.email,
      ticket: values.ticket,
      operator: values.operator,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, string | null>;
  if (!response.ok) {
    console.error(
      `refused (${response.status} ${body.hint ?? ""}): ${body.message ?? "no message"}`,
    );
    return 1;
  }
  console.log(
    `${values.email} is now the owner of organization ${body.org_id} (user ${body.user_id}).`,
  );
  console.log(
    body.previous_owner_id
      ? `The previous owner ${body.previous_owner_id} is now an admin.`
      : "The organization had no active owner.",
  );
  console.log(`Audited as support.access_restored by ${values.operator}, ticket ${values.ticket}.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
