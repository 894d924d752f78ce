import assert from "node:assert/strict";
import { RateLimiter } from "./rate-limit.ts";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

Deno.test("allows up to the limit per window, then refuses", () => {
  const time = clock();
  const limiter = new RateLimiter(3, 60_000, time.now);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => limiter.hit("1.2.3.4").allowed),
    [true, true, true, false],
  );
  assert.equal(limiter.hit("1.2.3.4").remaining, 0);
});

Deno.test("keys are counted separately", () => {
  const limiter = new RateLimiter(1, 60_000, clock().now);
  assert.equal(limiter.hit("a").allowed, true);
  assert.equal(limiter.hit("a").allowed, false);
  assert.equal(limiter.hit("b").allowed, true);
});

Deno.test("a new window starts when the old one ends", () => {
  const time = clock();
  const limiter = new RateLimiter(2, 60_000, time.now);
  limiter.hit("a");
  limiter.hit("a");
  assert.equal(limiter.hit("a").allowed, false);
  time.advance(59_999);
  assert.equal(limiter.hit("a").allowed, false);
  time.advance(1);
  const fresh = limiter.hit("a");
  assert.equal(fresh.allowed, true);
  assert.equal(fresh.remaining, 1);
  assert.equal(fresh.resetAt, time.now() + 60_000);
});

Deno.test("memory is bounded: expired and then oldest windows are dropped", () => {
  const time = clock();
  const limiter = new RateLimiter(1, 1_000, time.now, 100);
  for (let i = 0; i < 1000; i += 1) {
    limiter.hit(`k${i}`);
    time.advance(1);
  }
  assert.ok(limiter.size <= 100, `size ${limiter.size}`);
  // a recent key is still limited
  assert.equal(limiter.hit("k999").allowed, false);
});
