-- Issue 11: chain verification that never times out. verify_audit_chain hashes only what was
-- added since the last recorded checkpoint (and stops after a time budget, far under the 8 s
-- `authenticated` statement timeout), so it answers in well under a second at any size. A full
-- re-verification from the first event, which also catches tampering before the checkpoint,
-- runs as a background job in bounded chunks (roster_private.run_audit_full_checks, driven by pg_cron on
-- hosted Supabase and by supabase/local/audit-checks.ts locally) and reports its progress.

-- What was verified through which event, by whom (null: the background full check), when.
create table roster_private.audit_chain_checkpoints (
  id bigint generated always as identity primary key,
  org_id uuid not null references roster.organizations (id) on delete cascade,
  verified_through_id bigint not null,
  verified_hash bytea not null,
  verified_through_at timestamptz not null,
  checked_at timestamptz not null default now(),
  checked_by uuid,
  kind text not null constraint audit_chain_checkpoints_kind check (kind in ('incremental', 'full'))
);
alter table roster_private.audit_chain_checkpoints enable row level security;
create index audit_chain_checkpoints_org_idx on roster_private.audit_chain_checkpoints (org_id, verified_through_id desc);

-- One full re-verification per org: where it is, and how it ended.
create table roster_private.audit_full_checks (
  org_id uuid primary key references roster.organizations (id) on delete cascade,
  state text not null constraint audit_full_checks_state check (state in ('running', 'done', 'broken')),
  requested_by uuid,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  -- the chain head when the run started: the run verifies exactly up to it
  target_id bigint,
  target_hash bytea,
  total bigint not null,
  done bigint not null default 0,
  after_id bigint not null default 0,
  after_hash bytea,
  first_broken_id bigint
);
alter table roster_private.audit_full_checks enable row level security;
create index audit_full_checks_running_idx on roster_private.audit_full_checks (started_at) where state = 'running';

-- Hashes the org's events after p_after_id (whose hash is p_after_hash; null before the first
-- event) up to p_through_id in chain order, at most p_limit of them: how many, the first broken
-- one, and the last one reached.
create function roster_private.audit_chain_segment(
  p_org_id uuid, p_after_id bigint, p_after_hash bytea, p_through_id bigint, p_limit integer,
  out hashed bigint, out first_broken_id bigint, out last_id bigint, out last_hash bytea, out last_at timestamptz
)
language sql stable set search_path = '' as $$
  select count(*),
    min(s.id) filter (where not s.link_ok or not s.hash_ok),
    (pg_catalog.array_agg(s.id order by s.id desc))[1],
    (pg_catalog.array_agg(s.hash order by s.id desc))[1],
    (pg_catalog.array_agg(s.occurred_at order by s.id desc))[1]
  from (
    select e.id, e.hash, e.occurred_at,
      e.prev_hash is not distinct from pg_catalog.lag(e.hash, 1, p_after_hash) over (order by e.id) as link_ok,
      e.hash = roster_private.audit_event_hash(e.prev_hash, e) as hash_ok
    from (
      select * from roster.audit_events e
      where e.org_id = p_org_id and e.id > p_after_id and e.id <= p_through_id
      order by e.id limit p_limit
    ) e
  ) s
$$;

-- Events hashed per statement of the background full check: ~0.3 s each at the bench's volume,
-- so its 1 s budget per call is checked often.
create function roster_private.audit_chunk_size() returns integer
language sql immutable set search_path = '' as $$
  select 10000
$$;

-- =============================================================================================
-- verify_audit_chain: incremental from the last checkpoint
-- =============================================================================================
drop function roster.verify_audit_chain(text);
create function roster.verify_audit_chain(
  p_org_id text,
  out ok boolean,
  out checked bigint,
  out first_broken_id bigint,
  out verified_through_id bigint,
  out verified_through_at timestamptz,
  out checked_at timestamptz,
  out full_check_state text,
  out full_check_done bigint,
  out full_check_total bigint,
  out full_check_finished_at timestamptz
)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_deadline timestamptz;
  v_head roster_private.audit_chain_heads;
  v_checkpoint roster_private.audit_chain_checkpoints;
  v_full roster_private.audit_full_checks;
  v_after_id bigint := 0;
  v_after_hash bytea;
  v_after_at timestamptz;
  v_segment record;
  v_exhausted boolean := false;
  -- Small chunks (~60 ms each at the bench's volume) under a 300 ms deadline: the last chunk
  -- started before the deadline is the overshoot, so a call answers well under a second even
  -- on a loaded machine (10,000-event chunks took it to 1.3 s at load 25).
  v_chunk constant integer := 2000;
begin
  perform roster_private.actor_membership(v_org_id, 'audit.read', false);
  v_deadline := pg_catalog.clock_timestamp() + interval '300 milliseconds';
  checked := 0;
  -- The head is read first: events after it (committed meanwhile) must still link onto it.
  select * into v_head from roster_private.audit_chain_heads h where h.org_id = v_org_id;
  select * into v_checkpoint from roster_private.audit_chain_checkpoints c
  where c.org_id = v_org_id order by c.verified_through_id desc limit 1;
  if v_checkpoint.id is not null then
    v_after_id := v_checkpoint.verified_through_id;
    v_after_hash := v_checkpoint.verified_hash;
    v_after_at := v_checkpoint.verified_through_at;
    -- the checkpointed event itself must still be the one that was verified
    if not exists (select 1 from roster.audit_events e
                   where e.org_id = v_org_id and e.id = v_after_id and e.hash = v_after_hash) then
      first_broken_id := v_after_id;
    end if;
  end if;

  while first_broken_id is null and not v_exhausted and pg_catalog.clock_timestamp() < v_deadline loop
    select * into v_segment
    from roster_private.audit_chain_segment(v_org_id, v_after_id, v_after_hash, 9223372036854775807, v_chunk);
    checked := checked + v_segment.hashed;
    first_broken_id := v_segment.first_broken_id;
    if v_segment.hashed > 0 and first_broken_id is null then
      v_after_id := v_segment.last_id;
      v_after_hash := v_segment.last_hash;
      v_after_at := v_segment.last_at;
    end if;
    v_exhausted := v_segment.hashed < v_chunk;
  end loop;
  -- At the end, the chain must run through the recorded head: stopping short of it means
  -- events were cut off the end; a different hash there means the newest event was replaced.
  if first_broken_id is null and v_exhausted and v_head.org_id is not null
     and (v_after_id < v_head.last_event_id
          or not exists (select 1 from roster.audit_events e
                         where e.org_id = v_org_id and e.id = v_head.last_event_id and e.hash = v_head.last_hash)) then
    first_broken_id := v_head.last_event_id;
  end if;

  if first_broken_id is null and v_after_id > coalesce(v_checkpoint.verified_through_id, 0) then
    insert into roster_private.audit_chain_checkpoints (org_id, verified_through_id, verified_hash, verified_through_at, checked_by, kind)
    values (v_org_id, v_after_id, v_after_hash, v_after_at, auth.uid(), 'incremental')
    returning * into v_checkpoint;
  end if;
  verified_through_id := v_checkpoint.verified_through_id;
  verified_through_at := v_checkpoint.verified_through_at;
  checked_at := v_checkpoint.checked_at;

  select * into v_full from roster_private.audit_full_checks f where f.org_id = v_org_id;
  full_check_state := coalesce(v_full.state, 'never');
  full_check_done := v_full.done;
  full_check_total := v_full.total;
  full_check_finished_at := v_full.finished_at;
  -- a break the full run found before the checkpoint stays reported
  if v_full.state = 'broken' then
    first_broken_id := least(first_broken_id, v_full.first_broken_id);
  end if;
  ok := first_broken_id is null;
end
$$;

-- =============================================================================================
-- Full re-verification: started by a reader, run in chunks by a scheduler
-- =============================================================================================
create function roster.start_audit_full_check(p_org_id text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_head roster_private.audit_chain_heads;
begin
  perform roster_private.actor_membership(v_org_id, 'audit.read', false);
  -- one run at a time per org: a second start while one runs changes nothing
  if exists (select 1 from roster_private.audit_full_checks f where f.org_id = v_org_id and f.state = 'running') then
    return;
  end if;
  select * into v_head from roster_private.audit_chain_heads h where h.org_id = v_org_id;
  insert into roster_private.audit_full_checks as f (org_id, state, requested_by, target_id, target_hash, total)
  values (v_org_id, 'running', auth.uid(), coalesce(v_head.last_event_id, 0), v_head.last_hash,
    (select count(*) from roster.audit_events e where e.org_id = v_org_id and e.id <= coalesce(v_head.last_event_id, 0)))
  on conflict (org_id) do update
  set state = 'running', requested_by = excluded.requested_by, started_at = now(), finished_at = null,
      target_id = excluded.target_id, target_hash = excluded.target_hash, total = excluded.total,
      done = 0, after_id = 0, after_hash = null, first_broken_id = null
  where f.state <> 'running';
end
$$;

-- Advances every running full check by chunks until p_budget is spent; answers the number of
-- chunks hashed. Called by the scheduler as the project owner; one transaction per call, so each
-- call stays far under any statement timeout, and rows locked by an overlapping call are skipped.
create function roster_private.run_audit_full_checks(p_budget interval default interval '1 second') returns integer
language plpgsql set search_path = '' as $$
declare
  v_deadline timestamptz := pg_catalog.clock_timestamp() + p_budget;
  v_job roster_private.audit_full_checks;
  v_segment record;
  v_chunks integer := 0;
begin
  for v_job in
    select * from roster_private.audit_full_checks f where f.state = 'running' order by f.started_at for update skip locked
  loop
    while v_job.state = 'running' and pg_catalog.clock_timestamp() < v_deadline loop
      select * into v_segment
      from roster_private.audit_chain_segment(v_job.org_id, v_job.after_id, v_job.after_hash, v_job.target_id, roster_private.audit_chunk_size());
      v_chunks := v_chunks + 1;
      v_job.done := v_job.done + v_segment.hashed;
      if v_segment.first_broken_id is not null then
        v_job.state := 'broken';
        v_job.first_broken_id := v_segment.first_broken_id;
      elsif v_segment.hashed = roster_private.audit_chunk_size() and v_segment.last_id < v_job.target_id then
        v_job.after_id := v_segment.last_id;
        v_job.after_hash := v_segment.last_hash;
      else
        -- the end: the chain must stop exactly at the head recorded when the run started
        v_job.after_id := coalesce(v_segment.last_id, v_job.after_id);
        v_job.after_hash := coalesce(v_segment.last_hash, v_job.after_hash);
        if v_job.after_id = v_job.target_id and v_job.after_hash is not distinct from v_job.target_hash then
          v_job.state := 'done';
          if v_job.target_id > 0 then
            insert into roster_private.audit_chain_checkpoints (org_id, verified_through_id, verified_hash, verified_through_at, kind)
            select v_job.org_id, e.id, e.hash, e.occurred_at, 'full'
            from roster.audit_events e where e.org_id = v_job.org_id and e.id = v_job.target_id;
          end if;
        else
          v_job.state := 'broken';
          v_job.first_broken_id := v_job.target_id;
        end if;
      end if;
    end loop;
    update roster_private.audit_full_checks f
    set state = v_job.state, done = v_job.done, after_id = v_job.after_id, after_hash = v_job.after_hash,
        first_broken_id = v_job.first_broken_id,
        finished_at = case when v_job.state <> 'running' then pg_catalog.clock_timestamp() end
    where f.org_id = v_job.org_id;
  end loop;
  return v_chunks;
end
$$;

revoke all on function roster.verify_audit_chain(text), roster.start_audit_full_check(text) from public, anon, authenticated;
grant execute on function roster.verify_audit_chain(text), roster.start_audit_full_check(text) to authenticated;

-- Hosted Supabase: pg_cron drives the full checks every 5 seconds (sub-minute schedules need
-- pg_cron 1.5+, which Supabase ships); locally supabase/local/audit-checks.ts calls it on a timer.
select roster_private.schedule_job('roster-audit-full-checks', '5 seconds', 'select roster_private.run_audit_full_checks()');

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
