// Starts and stops the whole local Supabase-compatible stack, in dependency order.
import { mkdir, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import {
  dbUrl,
  jwtSecret,
  stackConfig,
  stackKeys,
  superuserDbUrl,
  type StackConfig,
} from "./config.ts";
import { applyBootstrap, applyMigrations, applyRoles, applySeed } from "./migrate.ts";
import { startPostgres } from "./postgres.ts";
import { startPostgrest } from "./postgrest.ts";
import { startMailCatcher } from "./mail.ts";
import { functionsWithoutJwtCheck, startFunctions } from "./functions.ts";
import { startGateway } from "./gateway.ts";
import { startAuthServer } from "./auth/server.ts";
import { authSettings } from "./project-config.ts";
import { loadJwtKeys } from "./signing-keys.ts";
import { startAuditCheckTimer } from "./audit-checks.ts";
import { startExpiryTimer } from "./expiry.ts";
import { assertPortFree, stopAllChildren } from "./process.ts";
import { statusFile, type StackEnv } from "./status.ts";

export interface RunningStack {
  config: StackConfig;
  env: StackEnv;
  startupMs: number;
  freshDatabase: boolean;
  stop(): Promise<void>;
}

export async function startStack(
  options: { config?: StackConfig; fresh?: boolean; log?: (line: string) => void } = {},
): Promise<RunningStack> {
  const config = options.config ?? stackConfig();
  const log = options.log ?? ((line: string) => console.log(line));
  const began = performance.now();
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
    await stopAllChildren();
    await rm(statusFile(config), { force: true });
  };
  try {
    for (const [what, port] of Object.entries(config.ports))
      if (what !== "spa") await assertPortFree(port, what);
    if (options.fresh) await rm(config.stateDir, { recursive: true, force: true });
    await mkdir(config.stateDir, { recursive: true });

    const keys = await stackKeys();
    const jwtKeys = await loadJwtKeys(config);
    const apiUrl = `http://127.0.0.1:${config.ports.api}`;
    const env: StackEnv = {
      API_URL: apiUrl,
      REST_URL: `${apiUrl}/rest/v1`,
      FUNCTIONS_URL: `${apiUrl}/functions/v1`,
      DB_URL: dbUrl(config),
      SUPERUSER_DB_URL: superuserDbUrl(config),
      ANON_KEY: keys.anonKey,
      SERVICE_ROLE_KEY: keys.serviceRoleKey,
      PUBLISHABLE_KEY: keys.publishableKey,
      SECRET_KEY: keys.secretKey,
      JWT_SECRET: jwtSecret,
      INBOX_URL: `http://127.0.0.1:${config.ports.inbox}`,
      INBOX_API_URL: `http://127.0.0.1:${config.ports.inbox}/api/email`,
      SMTP_PORT: String(config.ports.smtp),
      SITE_URL: config.siteUrl,
    };

    const postgres = await startPostgres(config, log);
    stops.push(() => postgres.stop());
    await applyRoles(config);
    if (postgres.freshlyCreated) await applyBootstrap(config);
    const applied = await applyMigrations(config);
    if (applied.length > 0) log(`applied migrations: ${applied.join(", ")}`);
    if (postgres.freshlyCreated) await applySeed(config);

    // Child processes are stopped by stopAllChildren(), even when one of them fails to start.
    await Promise.all([
      startMailCatcher(config),
      startPostgrest(config, jwtKeys),
      // EMAIL_TEST_OUTAGE: see supabase/functions/_shared/email/outage.ts (local stack only).
      startFunctions(config, keys, jwtKeys, {
        SITE_URL: config.siteUrl,
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: env.SMTP_PORT,
        EMAIL_TEST_OUTAGE: "1",
      }),
    ]);

    const auth = await startAuthServer({
      port: config.ports.auth,
      databaseUrl: dbUrl(config, "supabase_auth_admin", config.authenticatorPassword),
      jwtKeys,
      publicUrl: `${apiUrl}/auth/v1`,
      siteUrl: config.siteUrl,
      smtpPort: config.ports.smtp,
      ...authSettings(),
    });
    stops.push(() => auth.close());

    const gateway = await startGateway({
      port: config.ports.api,
      keys,
      jwtKeys,
      upstreams: {
        rest: config.ports.rest,
        auth: config.ports.auth,
        functions: config.ports.functions,
      },
      functionsWithoutJwtCheck,
    });
    stops.push(() => closeServer(gateway));

    // Transfer emails still owed (expiries included) go out through the function, as a
    // Supabase Cron job calling it does on hosted projects.
    const sweepTransferEmails = async () => {
      const response = await fetch(`${apiUrl}/functions/v1/ownership-transfers`, {
        method: "POST",
        headers: {
          apikey: keys.serviceRoleKey,
          authorization: `Bearer ${keys.serviceRoleKey}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ action: "sweep" }),
      });
      if (!response.ok) log(`transfer email sweep answered ${response.status}`);
      else await response.body?.cancel();
    };
    const expiry = startExpiryTimer(dbUrl(config), log, sweepTransferEmails);
    stops.push(() => expiry.stop());
    const auditChecks = startAuditCheckTimer(dbUrl(config), log);
    stops.push(() => auditChecks.stop());

    await writeFile(statusFile(config), JSON.stringify({ pid: process.pid, env }, null, 2));
    return {
      config,
      env,
      startupMs: performance.now() - began,
      freshDatabase: postgres.freshlyCreated,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
