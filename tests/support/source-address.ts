// Requests from a chosen loopback address. Linux routes all of 127.0.0.0/8 to the loopback
// interface, so a test can open its socket from 127.x.y.z: the gateway then sees a genuinely
// different client, the way a limiter keyed by client address must tell callers apart. Headers
// such as x-forwarded-for cannot do that any more: the gateway replaces them.
import { Agent, fetch as undiciFetch } from "undici";

let next = 0;

// A loopback address no other test process uses (the pid spreads parallel Vitest workers). The
// octets are n in base 255 with digits 1–255, so no two values of n share an address (mapping a
// 0 octet to 1 made n = 256 and 257 the same client, and two race trials shared one limit).
export function freshLoopbackAddress(): string {
  const n = (process.pid % 200) * 250 + (next++ % 250);
  return `127.${10 + Math.floor(n / 65025)}.${(Math.floor(n / 255) % 255) + 1}.${(n % 255) + 1}`;
}

// A fetch whose connections leave from `address`.
export function fetchFrom(address: string): typeof globalThis.fetch {
  const dispatcher = new Agent({ localAddress: address });
  return (input, init) =>
    undiciFetch(input as string, {
      ...(init as object),
      dispatcher,
    }) as unknown as Promise<Response>;
}
