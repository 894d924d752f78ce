// Connection details of the stack under test: from the environment `npm test` sets, or from
// the stack running from this checkout when a file is run by hand.
import { stackConfig } from "../../supabase/local/config.ts";
import { readRunningStackEnv, type StackEnv } from "../../supabase/local/stack.ts";

const keys: Array<keyof StackEnv> = [
  "API_URL",
  "DB_URL",
  "ANON_KEY",
  "SERVICE_ROLE_KEY",
  "PUBLISHABLE_KEY",
  "SECRET_KEY",
  "JWT_SECRET",
  "INBOX_API_URL",
  "SITE_URL",
];

async function loadEnv(): Promise<StackEnv> {
  if (keys.every((key) => process.env[key])) return process.env as unknown as StackEnv;
  for (const name of [process.env.ROSTER_STACK, "test", "dev"]) {
    if (!name) continue;
    const env = await readRunningStackEnv(stackConfig(name));
    if (env) return env;
  }
  throw new Error("No running stack: use npm test, or start one with npm run stack.");
}

export const stackEnv: StackEnv = await loadEnv();
