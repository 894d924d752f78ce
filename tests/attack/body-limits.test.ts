// Oversized bodies (issue 10, finding 4). Six 100 MB POSTs at once to the public
// invitation-preview once pushed the gateway to ~1 GB. Bodies over a route's documented limit
// (docs/database.md, "Request size limits") are refused with 413 before they are read, so the
// gateway's memory stays where it was.
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { onLocalStandIn, stackEnv, standInOnly, standInPid } from "../support/stack.ts";

const MiB = 1024 * 1024;
const chunk = Buffer.alloc(MiB, "a");

// Posts `totalBytes` (announced by Content-Length, or chunked without it) and answers with the
// status as soon as the server answers, stopping the upload there.
function post(path: string, totalBytes: number, announce: boolean): Promise<number> {
  const url = new URL(path, stackEnv.API_URL);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          apikey: stackEnv.ANON_KEY,
          "content-type": "application/json",
          ...(announce ? { "content-length": String(totalBytes) } : {}),
        },
      },
      (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    // Once answered, the server may close while the upload is still under way.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    let sent = 0;
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(MiB, totalBytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

// The resident memory of a process, in MiB (Linux).
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
}

describe("request bodies over the limit", () => {
  it.skipIf(!onLocalStandIn)(
    `six concurrent 100 MB POSTs get 413 and the gateway's memory stays flat ${standInOnly("the gateway's process")}`,
    async () => {
      const pid = standInPid!;
      const before = rssMiB(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
      try {
        const statuses = await Promise.all(
          Array.from({ length: 6 }, () =>
            post("/functions/v1/invitation-preview", 100 * MiB, true),
          ),
        );
        expect(statuses).toEqual(Array(6).fill(413));
      } finally {
        clearInterval(sampler);
      }
      // A generous bound: buffering even one of the bodies would pass it.
      expect(peak - before).toBeLessThan(80);
    },
  );

  it("a streamed body without Content-Length is cut off at the limit", async () => {
    expect(await post("/functions/v1/invitation-preview", 3 * MiB, false)).toBe(413);
    expect(await post("/functions/v1/invitations", 3 * MiB, false)).toBe(413);
    expect(await post("/rest/v1/rpc/create_organization", 12 * MiB, false)).toBe(413);
  });

  it("each route refuses an announced body over its limit with the error shape", async () => {
    for (const [path, bytes] of [
      ["/functions/v1/invitations", 1 * MiB + 1],
      ["/auth/v1/token?grant_type=password", 1 * MiB + 1],
      ["/rest/v1/rpc/create_organization", 10 * MiB + 1],
    ] as const) {
      const response = await fetch(new URL(path, stackEnv.API_URL), {
        method: "POST",
        headers: { apikey: stackEnv.ANON_KEY, "content-type": "application/json" },
        body: Buffer.alloc(bytes, " "),
      });
      expect(response.status, path).toBe(413);
      expect(await response.json()).toMatchObject({ hint: "payload_too_large" });
    }
  });

  it("a body within the limit still goes through", async () => {
    const response = await fetch(new URL("/functions/v1/invitation-preview", stackEnv.API_URL), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: "x", padding: "a".repeat(900 * 1024) }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "unknown" });
  });
});
