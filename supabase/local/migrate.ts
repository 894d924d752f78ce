// Applies supabase/migrations/*.sql in order, once each, recording them the way the Supabase CLI
// does in supabase_migrations.schema_migrations; a reset recreates the database from scratch.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { dbUrl, projectRoot, type StackConfig } from "./config.ts";
import { quoteLiteral } from "./postgres.ts";

const migrationsDir = join(projectRoot, "supabase", "migrations");
const seedFile = join(projectRoot, "supabase", "seed.sql");

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function applyMigrations(config: StackConfig): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith(".sql")).sort();
  return withClient(dbUrl(config), async (client) => {
    const { rows } = await client.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    );
    const applied = new Set(rows.map((r) => r.version));
    const newlyApplied: string[] = [];
    for (const file of files) {
      const [version, ...nameParts] = file.replace(/\.sql$/, "").split("_");
      if (!version || applied.has(version)) continue;
      const sql = await readFile(join(migrationsDir, file), "utf8");
      await client.query("begin");
      try {
        await client.query(sql);
        await client.query(
          "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
          [version, nameParts.join("_"), [sql]],
        );
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
      newlyApplied.push(file);
    }
    return newlyApplied;
  });
}

export async function applySeed(config: StackConfig): Promise<void> {
  const sql = await readFile(seedFile, "utf8").catch(() => "");
  if (sql.trim() === "") return;
  await withClient(dbUrl(config), (client) => client.query(sql));
}

// Drops and recreates the `postgres` database (cluster roles survive), then bootstrap,
// migrations and seed. Live connections are cut; PostgREST and the auth stand-in reconnect.
export async function resetDatabase(config: StackConfig): Promise<void> {
  const templateUrl = dbUrl(config).replace(/\/postgres$/, "/template1");
  await withClient(templateUrl, async (client) => {
    await client.query("drop database if exists postgres with (force)");
    await client.query("create database postgres");
  });
  await applyBootstrap(config);
  await applyMigrations(config);
  await applySeed(config);
  await withClient(dbUrl(config), (client) => client.query(`notify pgrst, 'reload schema'`));
}

export async function applyBootstrap(config: StackConfig): Promise<void> {
  const sql = await readFile(join(projectRoot, "supabase", "local", "bootstrap.sql"), "utf8");
  await withClient(dbUrl(config), (client) =>
    client.query(
      sql.replaceAll(":'authenticator_password'", quoteLiteral(config.authenticatorPassword)),
    ),
  );
}
