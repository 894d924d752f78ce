// npm test — every layer, in order of cost: typecheck, lint, SPA unit/component tests, then a
// fresh throwaway stack (own ports and data folder) for the database, API, e2e and attack tests;
// the same stack restarted with email confirmation on (as hosted Supabase runs) for the tests that
// need it; then the API tests once more against a second throwaway stack signing user tokens with
// the legacy HS256 secret (ROSTER_JWT=legacy). Each stack is torn down even when tests fail.
import { join } from "node:path";
import { projectRoot, type StackConfig } from "../supabase/local/config.ts";
import { startStack } from "../supabase/local/stack.ts";
import { randomUUID } from "node:crypto";
import { startProcess, waitForOwnServer } from "../supabase/local/process.ts";
import { initialJsBudgetKb, initialJsGzipKb } from "./bundle-size.ts";
import {
  bin,
  countResults,
  finish,
  freshResults,
  step,
  testStackConfig,
  vitestArgs,
} from "./test-steps.ts";

async function main(): Promise<void> {
  await freshResults();
  await step("typecheck", bin("tsc"), ["-b"]);
  await step("lint", bin("eslint"), [".", "--max-warnings=0"]);
  await step(
    "unit and component tests (SPA)",
    bin("vitest"),
    vitestArgs("vitest.config.ts", "unit.json"),
  ).finally(() => countResults("unit.json"));
  await step(
    "edge function unit tests (Deno)",
    bin("deno"),
    [
      "test",
      "--allow-all",
      "--permit-no-files",
      "--config",
      "supabase/functions/deno.json",
      "supabase/functions/",
    ],
    {
      DENO_DIR: join(projectRoot, "node_modules", ".cache", "deno"),
    },
  );

  const config = testStackConfig();
  // The built SPA, served at the site URL; a stack's stop ends it with the stack's other children.
  const servePreview = async () => {
    const runToken = randomUUID();
    const preview = startProcess(
      "spa-preview",
      bin("vite"),
      ["preview", "--host", "127.0.0.1", "--port", String(config.ports.spa), "--strictPort"],
      {
        logDir: join(config.stateDir, "logs"),
        env: { ROSTER_RUN_TOKEN: runToken },
      },
    );
    await waitForOwnServer(config.siteUrl, runToken, "SPA preview", preview.child);
  };
  console.log("\n▶ starting a fresh test stack");
  const stack = await startStack({ config, fresh: true, log: () => undefined });
  console.log(`stack ready in ${(stack.startupMs / 1000).toFixed(1)}s (cold start)`);
  const stackTestEnv = (env: Record<string, string>) => ({
    ROSTER_STACK: "test",
    ROSTER_JWT: config.jwt,
    ...env,
  });
  try {
    const viteEnv = {
      VITE_SUPABASE_URL: stack.env.API_URL,
      VITE_SUPABASE_PUBLISHABLE_KEY: stack.env.PUBLISHABLE_KEY,
    };
    await step("build the SPA for e2e", bin("vite"), ["build", "--logLevel", "warn"], viteEnv);
    const { totalKb } = await initialJsGzipKb(join(projectRoot, "dist"));
    console.log(
      `initial JavaScript: ${totalKb.toFixed(1)} KB gzip (budget ${initialJsBudgetKb} KB)`,
    );
    if (totalKb >= initialJsBudgetKb)
      throw new Error("the initial JavaScript is over budget: split routes");
    await servePreview();
    await step(
      "database, API, e2e and attack tests (against the stack)",
      bin("vitest"),
      vitestArgs("vitest.stack.config.ts", "stack.json"),
      stackTestEnv(stack.env),
    ).finally(() => countResults("stack.json"));
  } finally {
    await stack.stop();
  }

  // Sign-up with email confirmation on: the same stack and SPA restarted (data kept, so it is
  // quick) with confirmations required; the files that need it skip on the autoconfirming stack.
  console.log("\n▶ restarting the test stack with email confirmation on (ROSTER_AUTH_CONFIRM=on)");
  const confirming = await startStack({ config, confirmEmail: true, log: () => undefined });
  try {
    await servePreview();
    await step(
      "sign-up with email confirmation on (API and e2e)",
      bin("vitest"),
      [
        ...vitestArgs("vitest.stack.config.ts", "stack-confirm.json"),
        "tests/api/auth-confirmation.test.ts",
        "tests/e2e/invite-confirm.test.ts",
      ],
      stackTestEnv(confirming.env),
    ).finally(() => countResults("stack-confirm.json"));
  } finally {
    await confirming.stop();
  }

  // The legacy stack sits 200 ports above the first, inside the same ROSTER_PORT_BASE block.
  const legacy: StackConfig = {
    ...config,
    name: "test-legacy",
    jwt: "legacy",
    stateDir: `${config.stateDir}-legacy`,
    ports: Object.fromEntries(
      Object.entries(config.ports).map(([what, port]) => [
        what,
        what === "spa" ? port : port + 200,
      ]),
    ) as StackConfig["ports"],
  };
  console.log("\n▶ starting a fresh test stack with legacy HS256 user tokens (ROSTER_JWT=legacy)");
  const legacyStack = await startStack({ config: legacy, fresh: true, log: () => undefined });
  try {
    await step(
      "API tests, legacy JWT mode",
      bin("vitest"),
      [
        ...vitestArgs("vitest.stack.config.ts", "stack-legacy.json"),
        "tests/api",
        // It starts a default-mode stack of its own: once is enough.
        "--exclude",
        "tests/api/stack-lifecycle.test.ts",
      ],
      { ROSTER_STACK: legacy.name, ROSTER_JWT: legacy.jwt, ...legacyStack.env },
    ).finally(() => countResults("stack-legacy.json"));
  } finally {
    await legacyStack.stop();
  }
}

finish(main);
