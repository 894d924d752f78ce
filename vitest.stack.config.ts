// Tests that talk to a running local stack: database (real roles and JWT claims over pg),
// API (supabase-js through the gateway) and e2e (Chromium). `npm test` starts the stack;
// run one file by hand with a stack up: `npx vitest run --config vitest.stack.config.ts <file>`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/{database,api,e2e}/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { hooks: "stack" },
  },
});
