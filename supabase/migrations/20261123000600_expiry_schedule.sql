-- Expiry on hosted Supabase: run roster.expire_stale() every minute with pg_cron, which turns
-- pending invitations and ownership transfers past their deadline into `expired` (one audit
-- event each). Only where pg_cron is available and loadable (Supabase has it preloaded);
-- elsewhere, including the Docker-free local stack (which runs expire_stale() on a timer, see
-- supabase/local/expiry.ts), this migration does nothing.
do $migration$
begin
  if not exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron is not available: expire_stale() is not scheduled here';
    return;
  end if;
  begin
    create extension if not exists pg_cron with schema pg_catalog;
    -- cron.schedule(name, …) replaces a job of the same name, so re-running is harmless.
    perform cron.schedule('roster-expire-stale', '* * * * *', 'select roster.expire_stale()');
  exception when others then
    -- e.g. pg_cron installed but not in shared_preload_libraries
    raise notice 'pg_cron could not be used (%): expire_stale() is not scheduled here', sqlerrm;
  end;
end
$migration$;
