// Expiry on the local stack: calls roster.expire_stale() every minute, as the pg_cron job does
// on hosted Supabase (migration 20261123000600). Pending invitations and ownership transfers
// past their deadline become expired, one audit event each. Then `afterTick` runs (the stack
// sweeps the ownership-transfers function, which emails expiries and anything still owed).
import { startDbTimer, type DbTimer } from "./db-timer.ts";

export function startExpiryTimer(
  databaseUrl: string,
  log: (line: string) => void,
  afterTick: () => Promise<void> = async () => {},
  intervalMs = 60_000,
): DbTimer {
  return startDbTimer("expiry timer", databaseUrl, log, intervalMs, async (pool) => {
    await pool
      .query<{ invitations_expired: number; transfers_expired: number }>(
        "select * from roster.expire_stale()",
      )
      .then(({ rows }) => {
        const { invitations_expired: invitations = 0, transfers_expired: transfers = 0 } =
          rows[0] ?? {};
        if (invitations + transfers > 0)
          log(`expired ${invitations} invitation(s), ${transfers} transfer(s)`);
      })
      .catch((error: unknown) => log(`expire_stale failed: ${(error as Error).message}`));
    await afterTick().catch((error: unknown) => log(`after expiry: ${(error as Error).message}`));
  });
}
