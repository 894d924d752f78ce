// A second project database in the stack's Postgres cluster, set up the way Supabase sets up a
// project (supabase/local/bootstrap.sql; roles are cluster-wide) and holding an app that already
// runs there (existing-app.sql), for installing Roster beside it. Needs the platform superuser to
// create the database, so callers skip without one (noSuperuserReason).
import { randomUUID } from "node:crypto";
import { copyFile, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { projectRoot, stackConfig } from "../../supabase/local/config.ts";
import { applyBootstrap, applyMigrationFiles } from "../../supabase/local/migrate.ts";
import { superuserDbUrl } from "./db.ts";
import { stackEnv } from "./stack.ts";

export interface AppDatabase {
  name: string;
  /** the project's own role, as migrations run */
  ownerUrl: string;
  /** `authenticator`, as PostgREST logs in */
  authenticatorUrl: string;
  ownerPool: pg.Pool;
  /** `authenticator`, as PostgREST connects (use with asActorOn) */
  apiPool: pg.Pool;
  drop(): Promise<void>;
}

function urlOf(database: string, user?: string, password?: string): string {
  const url = new URL(stackEnv.DB_URL);
  url.pathname = `/${database}`;
  if (user) url.username = user;
  if (password) url.password = password;
  return url.toString();
}

async function asSuperuser(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: superuserDbUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// A fresh project database with the platform's setup; `withApp` adds the existing app's schema.
export async function createAppDatabase(label: string, withApp = true): Promise<AppDatabase> {
  const name = `${label}_${randomUUID().slice(0, 8)}`.replace(/[^a-z0-9_]/g, "_");
  await asSuperuser(`create database ${name}`);
  await applyBootstrap(stackConfig(), name);
  const ownerUrl = urlOf(name);
  const authenticatorUrl = urlOf(name, "authenticator", stackConfig().authenticatorPassword);
  const ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  const apiPool = new pg.Pool({ connectionString: authenticatorUrl, max: 4 });
  if (withApp)
    await ownerPool.query(
      await readFile(join(projectRoot, "tests", "support", "existing-app.sql"), "utf8"),
    );
  return {
    name,
    ownerUrl,
    authenticatorUrl,
    ownerPool,
    apiPool,
    drop: async () => {
      await Promise.all([ownerPool.end(), apiPool.end()]);
      await asSuperuser(`drop database if exists ${name} with (force)`);
    },
  };
}

// Roster's core migrations: every file in supabase/migrations but the worked example, which is
// the demo app's own tables (docs/adopting.md "Copy the migrations").
export async function coreMigrationFiles(): Promise<string[]> {
  return (await readdir(join(projectRoot, "supabase", "migrations")))
    .filter((file) => file.endsWith(".sql") && !file.endsWith("_example_app_tables.sql"))
    .sort();
}

// Copies the core migrations, unedited, into a folder of their own and applies them as postgres.
export async function applyCoreMigrations(databaseUrl: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "roster-core-"));
  for (const file of await coreMigrationFiles())
    await copyFile(join(projectRoot, "supabase", "migrations", file), join(dir, file));
  return applyMigrationFiles(databaseUrl, dir);
}
