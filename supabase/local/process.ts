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
  // Both outputs share the log file, which closes once, after both have ended: ending it when
  // the first one ends made the other's next write fail (ERR_STREAM_WRITE_AFTER_END).
  const outputs = [child.stdout, child.stderr].filter((output) => output !== null);
  let open = outputs.length;
  for (const output of outputs) {
    output.pipe(logFile, { end: false });
    output.once("close", () => {
      if (--open === 0) logFile.end();
    });
  }
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

// Waits until `url` answers with this run's token, proving the server there is the child this
// run started and not another one that already held the port. `url` serves the token in the
// x-roster-run header (vite.config.ts serves it when ROSTER_RUN_TOKEN is set).
export async function waitForOwnServer(
  url: string,
  token: string,
  what: string,
  child: ChildProcess,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let answeredBy: string | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${what} exited (${child.exitCode ?? child.signalCode}); see its log in .roster/`,
      );
    const response = await fetch(url).catch(() => undefined);
    await response?.arrayBuffer().catch(() => undefined);
    if (response?.headers.get("x-roster-run") === token) return;
    if (response) answeredBy = `${response.status} ${response.headers.get("server") ?? ""}`.trim();
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = child.exitCode !== null || child.signalCode !== null;
  throw new Error(
    answeredBy
      ? `${url} answers (${answeredBy}), but not the ${what} this run started: another server holds the port.`
      : exited
        ? `${what} exited (${child.exitCode ?? child.signalCode}); see its log in .roster/`
        : `${what} did not answer at ${url} within ${timeoutMs / 1000}s`,
  );
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
