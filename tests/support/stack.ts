// Connection details of the stack under test. Any Supabase-compatible API works: this
// checkout's local stand-in, a user's own `supabase start`, or a project. The environment
// names it, under the names `npm run stack:status` prints or those `supabase status -o env`
// prints (supabase/cli internal/status/status.go) or those edge functions get:
//   API_URL or SUPABASE_URL, ANON_KEY or SUPABASE_ANON_KEY,
//   SERVICE_ROLE_KEY or SUPABASE_SERVICE_ROLE_KEY, DB_URL,
//   INBOX_URL or MAILPIT_URL (the mail catcher's web address; tests/support/inbox.ts),
//   SITE_URL (default: [auth] site_url in supabase/config.toml), JWT_SECRET (legacy).
// Without them, the stand-in running from this checkout is used (`npm test` sets its env).
import { stackConfig } from "../../supabase/local/config.ts";
import { readProjectConfig } from "../../supabase/local/project-config.ts";
import { readRunningStack, type StackEnv } from "../../supabase/local/status.ts";

const aliases: Partial<Record<keyof StackEnv, string[]>> = {
  API_URL: ["API_URL", "SUPABASE_URL"],
  ANON_KEY: ["ANON_KEY", "SUPABASE_ANON_KEY"],
  SERVICE_ROLE_KEY: ["SERVICE_ROLE_KEY", "SUPABASE_SERVICE_ROLE_KEY"],
  DB_URL: ["DB_URL"],
  INBOX_URL: ["INBOX_URL", "MAILPIT_URL", "INBUCKET_URL"],
};

// SUPERUSER_DB_URL exists only where the platform's superuser is reachable (the local stack).
type TestStackEnv = Omit<StackEnv, "SUPERUSER_DB_URL"> & { SUPERUSER_DB_URL?: string };

function fromEnvironment(): TestStackEnv | undefined {
  const picked: Record<string, string> = {};
  for (const [key, names] of Object.entries(aliases)) {
    const value = names.map((name) => process.env[name]).find(Boolean);
    if (!value) return undefined;
    picked[key] = value;
  }
  return {
    ...(process.env as Record<string, string>),
    ...picked,
    SITE_URL: process.env.SITE_URL || readProjectConfig().auth.site_url,
  } as TestStackEnv;
}

async function runningStandIns(): Promise<Array<{ pid: number; env: StackEnv }>> {
  const names = [...new Set([process.env.ROSTER_STACK, "test", "dev"].filter(Boolean))];
  const found = await Promise.all(names.map((name) => readRunningStack(stackConfig(name))));
  return found.filter((stack) => stack !== undefined);
}

const standIns = await runningStandIns();
const target = fromEnvironment() ?? standIns[0]?.env;
if (!target)
  throw new Error(
    "No stack to test: use npm test, start one with npm run stack, or set SUPABASE_URL, " +
      "SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, DB_URL and MAILPIT_URL (see README).",
  );

export const stackEnv: TestStackEnv = target;

// True when the API under test is this checkout's local stand-in, which has extras no
// Supabase has: its own lifecycle, the email outage switch, a superuser database login.
const standInUnderTest = standIns.find(({ env }) => env.API_URL === stackEnv.API_URL);
export const onLocalStandIn = standInUnderTest !== undefined;

// The process hosting the stand-in's gateway, when the stack under test is one.
export const standInPid = standInUnderTest?.pid;

// Titles of tests that need those extras end with this, so a skip elsewhere says why.
export const standInOnly = (extra: string) => `[local stand-in only: ${extra}]`;
