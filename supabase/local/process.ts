// Child processes of the stack: logs go to a file per service, readiness is polled over HTTP,
// and every child is stopped when the stack stops, so Ctrl-C leaves no orphans.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

// Every child still running. Tracked here rather than by each caller, so a start that fails
// halfway (one service up, another refusing) still stops what it had already spawned.
const liveChildren = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

export function stopAllChildren(): Promise<void> {
  return Promise.all([...liveChildren].map((child) => stopChild(child))).then(() => undefined);
}

export interface ManagedProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: Record<string, string>; logDir: string; cwd?: string },
): ManagedProcess {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = createWriteStream(join(options.logDir, `${name}.log`), { flags: "a" });
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  child.stdout?.pipe(logFile);
  child.stderr?.pipe(logFile);
  return { child, stop: () => stopChild(child) };
}

export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function waitForHttp(
  url: string,
  what: string,
  timeoutMs = 30_000,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode}; see its log in .roster/`);
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s`);
}

export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(
        new Error(
          `Port ${port} (${what}) is already in use. Is another Roster stack running (npm run stack:status)? ` +
            `Stop it, or move this one with ROSTER_PORT_BASE=<port>.`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}
