// npm run dev — the whole local backend plus the SPA's Vite dev server. Ctrl-C stops both.
import { join } from "node:path";
import { projectRoot, stackConfig } from "../supabase/local/config.ts";
import { startStack } from "../supabase/local/stack.ts";
import { randomUUID } from "node:crypto";
import { assertPortFree, startProcess, waitForOwnServer } from "../supabase/local/process.ts";
import { demoAdmin, demoOwner, demoPassword } from "../supabase/local/demo.ts";
import { stopOnSignals } from "./stack.ts";

async function main(): Promise<void> {
  const config = stackConfig();
  await assertPortFree(config.ports.spa, "spa");
  const stack = await startStack({ config });
  stopOnSignals(stack);
  const runToken = randomUUID();
  const vite = startProcess(
    "vite",
    join(projectRoot, "node_modules", ".bin", "vite"),
    ["--host", "127.0.0.1", "--port", String(config.ports.spa), "--strictPort"],
    {
      logDir: join(config.stateDir, "logs"),
      env: {
        VITE_SUPABASE_URL: stack.env.API_URL,
        VITE_SUPABASE_PUBLISHABLE_KEY: stack.env.PUBLISHABLE_KEY,
        ROSTER_RUN_TOKEN: runToken,
      },
    },
  );
  // Without its own SPA answering, the stack it started goes too.
  await waitForOwnServer(config.siteUrl, runToken, "Vite dev server", vite.child).catch(
    async (error: unknown) => {
      await stack.stop();
      throw error;
    },
  );
  const seconds = (stack.startupMs / 1000).toFixed(1);
  console.log(`
Roster is running.
  SPA          ${config.siteUrl}
  API          ${stack.env.API_URL}
  Publishable  ${stack.env.PUBLISHABLE_KEY}
  Secret key   ${stack.env.SECRET_KEY}
  anon key     ${stack.env.ANON_KEY}
  JWT signing  ${config.jwt === "legacy" ? "HS256 shared secret (ROSTER_JWT=legacy)" : `ES256, public keys at ${stack.env.API_URL}/auth/v1/.well-known/jwks.json`}
  Mail inbox   ${stack.env.INBOX_URL}
  Database     ${stack.env.DB_URL}
  Sign in as   ${demoOwner.email} (owner) or ${demoAdmin.email} (admin), password: ${demoPassword}

Stack started in ${seconds}s (${stack.freshDatabase ? "cold start: empty data folder" : "existing data kept"}). Logs: .roster/${config.name}/logs/. Ctrl-C stops everything.`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
