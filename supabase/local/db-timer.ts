// A job the local stack runs against the database on a timer, where hosted Supabase runs it
// with pg_cron. One connection at most, none kept idle (so `npm run db:reset`, which drops the
// database with (force), never has to cut one); a tick never overlaps the previous one, and an
// error is logged, never thrown.
import pg from "pg";

export interface DbTimer {
  stop(): Promise<void>;
}

export function startDbTimer(
  name: string,
  databaseUrl: string,
  log: (line: string) => void,
  intervalMs: number,
  tick: (pool: pg.Pool) => Promise<void>,
): DbTimer {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, idleTimeoutMillis: 1 });
  pool.on("error", (error) => log(`${name} connection: ${error.message}`));
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = tick(pool)
      .catch((error: unknown) => log(`${name} failed: ${(error as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await pool.end();
    },
  };
}
