// npm run stack | stack:status | db:reset — the backend alone, its connection details, a clean database.
import { stackConfig } from "../supabase/local/config.ts";
import { startStack, type RunningStack } from "../supabase/local/stack.ts";
import { readRunningStackEnv } from "../supabase/local/status.ts";
import { resetDatabase } from "../supabase/local/migrate.ts";
import { startPostgres } from "../supabase/local/postgres.ts";

const command = process.argv[2] ?? "start";

export function stopOnSignals(
  stack: RunningStack,
  extra: () => Promise<void> = async () => {},
): void {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping the stack...");
    await extra();
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  process.on("SIGHUP", shutdown);
}

async function main(): Promise<void> {
  const config = stackConfig();
  if (command === "status") {
    const env = await readRunningStackEnv(config);
    if (!env) {
      console.error(
        `No Roster stack "${config.name}" is running from this checkout. Start one with npm run stack.`,
      );
      process.exit(1);
    }
    for (const [key, value] of Object.entries(env)) console.log(`${key}=${value}`);
  } else if (command === "reset") {
    const running = await readRunningStackEnv(config);
    // With the stack down, a short-lived postgres does the work.
    const postgres = running ? undefined : await startPostgres(config, console.log);
    await resetDatabase(config);
    await postgres?.stop();
    console.log("database recreated from supabase/migrations and supabase/seed.sql");
  } else {
    const stack = await startStack({ config });
    stopOnSignals(stack);
    for (const [key, value] of Object.entries(stack.env)) console.log(`${key}=${value}`);
    console.log(
      `stack ready in ${(stack.startupMs / 1000).toFixed(1)}s${stack.freshDatabase ? " (cold start)" : ""}; Ctrl-C stops it`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
