// npm run db:types — writes src/types/database.types.ts from the live local schema exactly as
// `supabase gen types typescript --local` does at CLI v2.104: that command runs postgres-meta
// v0.96.6's server in type-generation mode (supabase/cli internal/gen/types/types.go,
// pkg/config/templates/Dockerfile), and so do we, from the same version on npm, with the same
// environment and its stdout taken verbatim. `--check` compares instead of writing (a test uses
// it to fail on stale committed types).
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../supabase/local/config.ts";
import { readProjectConfig } from "../supabase/local/project-config.ts";

export const typesFile = join(projectRoot, "src", "types", "database.types.ts");

const require = createRequire(import.meta.url);
const pgMetaServer = join(
  require.resolve("@supabase/postgres-meta/package.json"),
  "..",
  "dist",
  "server",
  "server.js",
);

// The CLI generates `public` plus every schema in [api] schemas, without duplicates.
function includedSchemas(): string {
  return [...new Set(["public", ...(readProjectConfig().api?.schemas ?? [])])].join(",");
}

export async function generateDatabaseTypes(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [pgMetaServer], {
    env: {
      PATH: process.env.PATH,
      PG_META_DB_URL: databaseUrl,
      // The CLI's --query-timeout default (cmd/gen.go), used for both timeouts.
      PG_CONN_TIMEOUT_SECS: "15",
      PG_QUERY_TIMEOUT_SECS: "15",
      PG_META_GENERATE_TYPES: "typescript",
      PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: includedSchemas(),
      PG_META_GENERATE_TYPES_SWIFT_ACCESS_CONTROL: "internal",
      // PostgREST 12 is not v9, so the CLI asks for one-to-one detection.
      PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: "true",
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

async function main(): Promise<void> {
  const { readRunningStackEnv } = await import("../supabase/local/status.ts");
  const env = await readRunningStackEnv();
  if (!env) throw new Error("Start the stack first (npm run stack), then run npm run db:types.");
  const generated = await generateDatabaseTypes(env.DB_URL);
  if (process.argv.includes("--check")) {
    const committed = await readFile(typesFile, "utf8");
    if (committed !== generated)
      throw new Error("src/types/database.types.ts is stale: run npm run db:types");
    console.log("database types are up to date");
  } else {
    await writeFile(typesFile, generated);
    console.log(`wrote ${typesFile}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
