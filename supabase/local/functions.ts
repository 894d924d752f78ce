// Edge functions on real Deno: one watched process serves supabase/functions/*/index.ts.
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { dbUrl, projectRoot, type StackConfig, type StackKeys } from "./config.ts";
import { startProcess, waitForHttp, type ManagedProcess } from "./process.ts";
import { publicJwks, type JwtKeys } from "./signing-keys.ts";
import { projectConfigFile, readProjectConfig } from "./project-config.ts";

const require = createRequire(import.meta.url);
const functionsDir = join(projectRoot, "supabase", "functions");

function denoBinary(): string {
  return join(
    require.resolve(`@deno/${process.platform}-${process.arch}-glibc/package.json`),
    "..",
    "deno",
  );
}

export function startFunctions(
  config: StackConfig,
  keys: StackKeys,
  jwtKeys: JwtKeys,
  extraEnv: Record<string, string>,
): Promise<ManagedProcess> {
  return serveFunctions(config.ports.functions, join(config.stateDir, "logs"), {
    // The variables the Supabase CLI gives every function.
    SUPABASE_URL: `http://127.0.0.1:${config.ports.api}`,
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    // Named key sets, as the CLI's edge runtime builds them
    // (internal/functions/serve/templates/main.ts).
    SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: keys.publishableKey }),
    SUPABASE_SECRET_KEYS: JSON.stringify({ default: keys.secretKey }),
    // The public JWKS, as hosted Supabase documents it (guides/functions/secrets). The CLI
    // also puts the HS256 secret in it; code relying on that would fail once deployed.
    SUPABASE_JWKS: JSON.stringify(publicJwks(jwtKeys)),
    SUPABASE_DB_URL: dbUrl(config),
    ...extraEnv,
  });
}

// One Deno process serving every function on `port` with `env`: the stack's own, or another
// instance beside it, as a platform runs several (tests/api/functions-invitation-preview.test.ts).
export async function serveFunctions(
  port: number,
  logDir: string,
  env: Record<string, string>,
): Promise<ManagedProcess> {
  const proc = startProcess(
    "functions",
    denoBinary(),
    [
      "run",
      "--allow-all",
      `--watch=${functionsDir}`,
      "--no-clear-screen",
      "--config",
      join(functionsDir, "deno.json"),
      join(projectRoot, "supabase", "local", "deno", "serve-functions.ts"),
    ],
    {
      logDir,
      env: {
        FUNCTIONS_PORT: String(port),
        DENO_DIR: join(projectRoot, "node_modules", ".cache", "deno"),
        NO_COLOR: "1",
        ...env,
      },
    },
  );
  // The first start downloads the functions' npm imports into the cache.
  await waitForHttp(
    `http://127.0.0.1:${port}/_health`,
    "edge functions (Deno)",
    120_000,
    proc.child,
  );
  return proc;
}

// Functions verify the caller's JWT unless supabase/config.toml says `verify_jwt = false`
// in their [functions.<name>] section, as the Supabase CLI reads it. The gateway asks on every
// function request, so the answer is kept until the file changes.
let parsedConfig: { mtimeMs: number; open: Set<string> } | undefined;

export async function functionsWithoutJwtCheck(): Promise<Set<string>> {
  const mtimeMs = await stat(projectConfigFile).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  if (parsedConfig?.mtimeMs !== mtimeMs) {
    const functions = Object.entries(readProjectConfig().functions ?? {});
    const open = functions.filter(([, settings]) => settings.verify_jwt === false);
    parsedConfig = { mtimeMs, open: new Set(open.map(([name]) => name)) };
  }
  return parsedConfig.open;
}
