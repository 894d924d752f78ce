-- Background jobs on hosted Supabase, with pg_cron, where it is available and loadable (Supabase
-- has it preloaded). Elsewhere, including the Docker-free local stack (which runs the same
-- functions on timers: supabase/local/expiry.ts, supabase/local/audit-checks.ts), scheduling
-- only logs a notice.

-- Schedules p_command under p_name, or says why it cannot. cron.schedule(name, …) replaces a
-- job of the same name, so re-running a migration is harmless.
create function roster_private.schedule_job(p_name text, p_schedule text, p_command text) returns void
language plpgsql set search_path = '' as $$
begin
  if not exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron is not available: % is not scheduled here', p_name;
    return;
  end if;
  begin
    create extension if not exists pg_cron with schema pg_catalog;
    perform cron.schedule(p_name, p_schedule, p_command);
  exception when others then
    -- e.g. pg_cron installed but not in shared_preload_libraries
    raise notice 'pg_cron could not be used (%): % is not scheduled here', sqlerrm, p_name;
  end;
end
$$;
revoke all on function roster_private.schedule_job(text, text, text) from public, anon, authenticated, service_role;

-- Expiry: roster.expire_stale() every minute turns pending invitations and ownership transfers
-- past their deadline into `expired` (one audit event each).
select roster_private.schedule_job('roster-expire-stale', '* * * * *', 'select roster.expire_stale()');
