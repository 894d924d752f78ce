// Tests that talk to a running stack: database (real roles and JWT claims over pg), API
// (supabase-js through the gateway), e2e (Chromium) and attack (raw HTTP, tests/attack). `npm test` starts the local stand-in;
// `npm run test:stack` runs against the stack tests/support/stack.ts finds (README: "Running the
// API tests against another stack"). Run one file by hand with a stack up:
// `npx vitest run --config vitest.stack.config.ts <file>`.
import { defineConfig } from "vitest/config";
import { onLocalStandIn, stackEnv, standInOnly } from "./tests/support/stack.ts";

const everyLayer = ["tests/{database,api,e2e,attack}/**/*.test.ts"];
// tests/database logs in as the stand-in's `authenticator` and as a superuser
// (tests/support/db.ts); of that layer only the generated-types check needs nothing more than DB_URL.
const portable = ["tests/{api,e2e,attack}/**/*.test.ts", "tests/database/generated-types.test.ts"];
if (!onLocalStandIn)
  console.warn(
    `Testing ${stackEnv.API_URL}: skipping tests/database except generated-types ${standInOnly("authenticator and superuser logins")}`,
  );

export default defineConfig({
  test: {
    include: onLocalStandIn ? everyLayer : portable,
    environment: "node",
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { hooks: "stack" },
  },
});
