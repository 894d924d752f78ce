// How the local stack runs its child processes (issue 10, finding 7): one log file per service
// that both outputs write to and that closes once, after both have ended; and the SPA counted as
// started only when the server on its port is the one this run started. Needs no stack, but
// runs here for Node's own fetch (the tests/config layer puts MSW in front of it).
import { readFile, mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startProcess, waitForOwnServer } from "../../supabase/local/process.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) server.close().closeAllConnections();
});

function serve(headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => res.writeHead(200, headers).end("ok"));
    servers.push(server);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      resolve(`http://127.0.0.1:${address.port}/`);
    });
  });
}

const sleeper = (logDir: string) =>
  startProcess("sleeper", process.execPath, ["-e", "setTimeout(() => {}, 20000)"], { logDir });

describe("a service's log", () => {
  it("keeps what the service writes to stderr after its stdout has closed", async () => {
    const logDir = await mkdtemp(join(tmpdir(), "roster-log-"));
    const script = `
      process.stdout.write("out\\n");
      require("node:fs").closeSync(1);
      setTimeout(() => process.stderr.write("err after stdout closed\\n"), 300);`;
    const proc = startProcess("service", process.execPath, ["-e", script], { logDir });
    await new Promise((resolve) => proc.child.once("close", resolve));
    // The log file is written by a stream; give it a moment to flush after the child's end.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readFile(join(logDir, "service.log"), "utf8")).toBe(
      "out\nerr after stdout closed\n",
    );
  });
});

describe("waiting for the SPA this run started", () => {
  it("refuses a server that answers without this run's token", async () => {
    const url = await serve({ server: "someone-else" });
    const proc = sleeper(await mkdtemp(join(tmpdir(), "roster-log-")));
    try {
      await expect(
        waitForOwnServer(url, "token-1", "Vite dev server", proc.child, 1_000),
      ).rejects.toThrow(
        /answers \(200 someone-else\), but not the Vite dev server this run started/,
      );
    } finally {
      await proc.stop();
    }
  });

  it("accepts the server that answers with this run's token", async () => {
    const url = await serve({ "x-roster-run": "token-2" });
    const proc = sleeper(await mkdtemp(join(tmpdir(), "roster-log-")));
    try {
      await expect(
        waitForOwnServer(url, "token-2", "Vite dev server", proc.child, 5_000),
      ).resolves.toBeUndefined();
    } finally {
      await proc.stop();
    }
  });
});
