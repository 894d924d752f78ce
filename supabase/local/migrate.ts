// Applies supabase/migrations/*.sql in order, once each, recording them the way the Supabase CLI
// does in supabase_migrations.schema_migrations; a reset recreates the database from scratch.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { dbUrl, projectRoot, superuserDbUrl, type StackConfig } from "./config.ts";
import { quoteLiteral } from "./postgres.ts";
import { exposedSchemas } from "./project-config.ts";

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
  return applyMigrationFiles(dbUrl(config), migrationsDir);
}

// Runs as `postgres`, as `supabase db push` and `supabase start` do, so a migration doing what the
// platform forbids fails here too. The history table is created the way the Supabase CLI creates
// it on first push (supabase/cli pkg/migration/history.go), which makes postgres its owner.
export async function applyMigrationFiles(databaseUrl: string, dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  return withClient(databaseUrl, async (client) => {
    await client.query(
      `create schema if not exists supabase_migrations;
       create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text)`,
    );
    const { rows } = await client.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    );
    const applied = new Set(rows.map((r) => r.version));
    const newlyApplied: string[] = [];
    for (const file of files) {
      const [version, ...nameParts] = file.replace(/\.sql$/, "").split("_");
      if (!version || applied.has(version)) continue;
      const sql = await readFile(join(dir, file), "utf8");
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
  await applyRoles(config);
  const templateUrl = superuserDbUrl(config).replace(/\/postgres$/, "/template1");
  await withClient(templateUrl, async (client) => {
    await client.query("drop database if exists postgres with (force)");
    await client.query("create database postgres");
  });
  await applyBootstrap(config);
  await applyMigrations(config);
  await applySeed(config);
  await withClient(dbUrl(config), (client) => client.query(`notify pgrst, 'reload schema'`));
}

// The platform's roles (supabase/local/roles.sql), applied as the platform superuser on every
// start. A data folder from before the platform had its own superuser was initialised with
// `postgres` as its bootstrap superuser, which Postgres never lets lose SUPERUSER: it has to go.
export async function applyRoles(config: StackConfig): Promise<void> {
  const olderFolder = new Error(
    `${config.stateDir} was created by an older Roster, whose postgres role is a superuser. ` +
      `Delete that folder and start again (the demo data is recreated).`,
  );
  const sql = await localSql(config, "roles.sql");
  await withClient(superuserDbUrl(config), async (client) => {
    // the bootstrap superuser is the role with oid 10 (BOOTSTRAP_SUPERUSERID)
    const { rows } = await client.query("select rolname from pg_roles where oid = 10");
    if (rows[0]?.rolname !== "supabase_admin") throw olderFolder;
    await client.query(sql);
  }).catch((error: unknown) => {
    // no such role: 28P01 under password authentication, 28000 under trust
    if (["28P01", "28000"].includes((error as { code?: string }).code ?? "")) throw olderFolder;
    throw error;
  });
}

// `database` other than postgres: a second project database in the same cluster (roles are
// cluster-wide), e.g. the existing app Roster is installed beside in tests/database/beside-app.test.ts.
export async function applyBootstrap(config: StackConfig, database = "postgres"): Promise<void> {
  const sql = (await localSql(config, "bootstrap.sql")).replaceAll(
    "database postgres",
    `database ${database}`,
  );
  const url = superuserDbUrl(config).replace(/\/postgres$/, `/${database}`);
  await withClient(url, (client) => client.query(sql));
}

async function localSql(config: StackConfig, file: string): Promise<string> {
  const sql = await readFile(join(projectRoot, "supabase", "local", file), "utf8");
  return sql
    .replaceAll(":'authenticator_password'", quoteLiteral(config.authenticatorPassword))
    .replaceAll(":'postgres_password'", quoteLiteral(config.dbPassword))
    .replaceAll(":'db_schemas'", quoteLiteral(exposedSchemas().join(", ")));
}
