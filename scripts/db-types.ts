// npm run db:types — writes src/types/database.types.ts from the live local schema with
// @supabase/postgrest-typegen, the generator behind `supabase gen types typescript`.
// `--check` compares instead of writing (a test uses it to fail on stale committed types).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { generateTypescript, introspect, sortGeneratorMetadata } from "@supabase/postgrest-typegen";
import { projectRoot } from "../supabase/local/config.ts";

export const typesFile = join(projectRoot, "src", "types", "database.types.ts");

export async function generateDatabaseTypes(databaseUrl: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const metadata = await introspect(pool, { includedSchemas: ["public"] });
    return await generateTypescript(sortGeneratorMetadata(metadata), { postgrestVersion: "12" });
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const { readRunningStackEnv } = await import("../supabase/local/stack.ts");
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
