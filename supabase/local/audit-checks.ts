// Full audit-chain re-verification on the local stack: advances every running check (started by
// roster.start_audit_full_check) by about a second of hashing per tick, as the pg_cron job of
// migration 20261206400010 does on hosted Supabase.
import { startDbTimer, type DbTimer } from "./db-timer.ts";

export function startAuditCheckTimer(
  databaseUrl: string,
  log: (line: string) => void,
  intervalMs = 1_000,
): DbTimer {
  return startDbTimer("audit checks", databaseUrl, log, intervalMs, async (pool) => {
    await pool.query("select roster_private.run_audit_full_checks()");
  });
}
