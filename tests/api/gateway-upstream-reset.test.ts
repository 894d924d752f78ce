// The gateway's keep-alive connections to its upstreams (supabase/local/gateway.ts). An upstream
// may close an idle connection just as the gateway reuses it: the rare "socket hang up" 502
// under load (issue 10, finding 3). An idempotent request that meets a reset on a reused
// connection is sent once more; any other request is not, since the upstream may have acted on
// it. And a client that goes away mid-answer takes the upstream request with it. Needs no stack:
// a gateway of its own in front of an upstream that resets the second request on every
// connection, as an upstream closing an idle connection at that moment does.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtSecret, stackKeys } from "../../supabase/local/config.ts";
import { startGateway } from "../../supabase/local/gateway.ts";

const servers: Server[] = [];
// Every request the upstream received, in order, and whether it answered it or reset it.
const received: string[] = [];
let gatewayUrl: string;
let apikey: string;

const portOf = (server: Server) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  const requestsOn = new WeakMap<Socket, number>();
  const upstream = createServer((req, res) => {
    const count = (requestsOn.get(req.socket) ?? 0) + 1;
    requestsOn.set(req.socket, count);
    if (count > 1) {
      received.push(`${req.method} ${req.url} reset`);
      req.socket.resetAndDestroy();
      return;
    }
    received.push(`${req.method} ${req.url} answered`);
    req.resume();
    if (req.url !== "/stream") return void res.end(JSON.stringify({ ok: true }));
    // an answer that goes on until the reader goes away (a download)
    res.write("first chunk\n");
    res.once("close", () => received.push("GET /stream closed"));
  });
  servers.push(upstream);
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));

  const keys = await stackKeys();
  apikey = keys.anonKey;
  const port = portOf(upstream);
  const gateway = await startGateway({
    port: 0,
    keys,
    jwtKeys: { mode: "legacy", secret: jwtSecret },
    upstreams: { rest: port, auth: port, functions: port },
    functionsWithoutJwtCheck: async () => new Set(),
  });
  servers.push(gateway);
  gatewayUrl = `http://127.0.0.1:${portOf(gateway)}`;
});

afterAll(() => {
  for (const server of servers) server.close().closeAllConnections();
});

const send = async (method: string, path: string, body?: string) => {
  const response = await fetch(`${gatewayUrl}${path}`, {
    method,
    headers: { apikey, "content-type": "application/json" },
    body,
  });
  await response.arrayBuffer();
  return response.status;
};

describe("an upstream resetting a reused keep-alive connection", () => {
  it("costs an idempotent request nothing: it is sent once more, on a new connection", async () => {
    received.length = 0;
    expect(await send("GET", "/rest/v1/members?select=id")).toBe(200);
    // the gateway keeps that connection and reuses it for the next request, which meets the reset
    expect(await send("GET", "/rest/v1/members?select=id")).toBe(200);
    expect(received).toEqual([
      "GET /members?select=id answered",
      "GET /members?select=id reset",
      "GET /members?select=id answered",
    ]);
  });

  it("is not retried for a POST, which the upstream may have acted on", async () => {
    // a GET leaves an answered connection in the pool, which the POST then reuses
    expect(await send("GET", "/rest/v1/members?select=id")).toBe(200);
    received.length = 0;
    expect(await send("POST", "/rest/v1/rpc/leave_organization", "{}")).toBe(502);
    expect(received).toEqual(["POST /rpc/leave_organization reset"]);
  });
});

describe("a client going away in the middle of an answer", () => {
  it("ends the upstream request too, so the upstream sees the cancel", async () => {
    const response = await fetch(`${gatewayUrl}/rest/v1/stream`, { headers: { apikey } });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    for (let tries = 0; !received.includes("GET /stream closed") && tries < 50; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toContain("GET /stream closed");
  });
});
