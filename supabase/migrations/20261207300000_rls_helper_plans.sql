-- Issue 11 budgets: the fixed cost RLS adds to every request.
--
-- EXPLAIN (ANALYZE, BUFFERS) of the newest 50 audit events as `authenticated` showed the policy's
-- InitPlan, roster_private.org_ids_with('audit.read'), taking ~0.8 ms and 43 buffers to return two ids,
-- longer than the index scan it guards (0.05 ms). A set-returning SQL function that cannot be
-- inlined (security definer, SET search_path) is parsed and planned again on every statement
-- that calls it (PostgreSQL 17, src/backend/executor/functions.c init_sql_fcache). PL/pgSQL keeps
-- the plan of its query for the session (plancache.c), and PostgREST reuses its connections, so
-- the same lookup costs one cached index probe. Same results, same callers, same grants; the
-- policies keep calling them once per statement (`in (select …)`, `any (array(select …))`).

-- Live orgs where the caller has an ACTIVE membership whose role holds p_permission.
create or replace function roster_private.org_ids_with(p_permission text) returns setof uuid
language plpgsql stable security definer set search_path = '' rows 10 as $$
begin
  return query
  select m.org_id
  from roster.memberships m
  join roster.organizations o on o.id = m.org_id and o.deleted_at is null
  where m.user_id = auth.uid()
    and m.status = 'active'
    and exists (select 1 from roster.role_permissions rp
                where rp.org_id = m.org_id and rp.role = m.role and rp.permission = p_permission);
end
$$;

-- Live orgs where the caller has an ACTIVE membership (any role).
create or replace function roster_private.active_org_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 10 as $$
begin
  return query
  select m.org_id
  from roster.memberships m
  join roster.organizations o on o.id = m.org_id and o.deleted_at is null
  where m.user_id = auth.uid() and m.status = 'active';
end
$$;

-- ---------------------------------------------------------------------------------------------
-- member_directory without a profile check per member
-- ---------------------------------------------------------------------------------------------
-- The directory joined profiles for each member's name and email, so under RLS every member row
-- ran the profiles policy's EXISTS probe on memberships (10,000 probes for the first 50 by name
-- of a 10,000-member org: 3.4× the same statement without RLS). The member's name and email now
-- come from the membership row itself, copied from the profile by the triggers that already keep
-- sort_name and search_text. Nothing new becomes readable: whoever reads a membership row may
-- read that member's profile (profiles_select). The inviter's name still comes from profiles,
-- once per distinct inviter.
alter table roster.memberships
  add column display_name text,
  add column email extensions.citext;
comment on column roster.memberships.display_name is
  'The member''s display name, kept by triggers from profiles (member_directory reads it).';
comment on column roster.memberships.email is
  'The member''s email, kept by triggers from profiles (member_directory reads it).';

create or replace function roster_private.memberships_directory_keys() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- a detached row (its account deleted, 20261207200000) keeps the names and keys it had
  if new.user_id is null then
    return new;
  end if;
  select p.display_name, p.email,
    roster_private.directory_sort_name(p.display_name, p.email::text), roster_private.directory_search_text(p.display_name, p.email::text)
    into new.display_name, new.email, new.sort_name, new.search_text
  from roster.profiles p where p.user_id = new.user_id;
  return new;
end
$$;

create or replace function roster_private.profiles_directory_keys() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update roster.memberships m
  set display_name = new.display_name,
      email = new.email,
      sort_name = roster_private.directory_sort_name(new.display_name, new.email::text),
      search_text = roster_private.directory_search_text(new.display_name, new.email::text)
  where m.user_id = new.user_id
    and (m.display_name, m.email::text) is distinct from (new.display_name, new.email::text);
  return null;
end
$$;

update roster.memberships m
set display_name = p.display_name, email = p.email
from roster.profiles p where p.user_id = m.user_id;
-- a deleted account's detached row (20261207200000) keeps the name and email it had
update roster.memberships m
set display_name = m.deleted_user_name, email = m.deleted_user_email
where m.user_id is null;

create or replace view roster.member_directory with (security_invoker = true) as
select
  m.id as membership_id,
  m.org_id,
  o.slug as org_slug,
  o.name as org_name,
  m.user_id,
  m.display_name,
  m.email,
  m.role,
  m.status,
  m.invited_by,
  inviter.display_name as invited_by_name,
  m.joined_at,
  m.last_active_at,
  m.suspended_at,
  m.suspended_by,
  m.suspended_reason,
  m.removed_at,
  m.removed_by,
  m.removed_reason,
  m.updated_at
from roster.memberships m
join roster.organizations o on o.id = m.org_id
left join roster.profiles inviter on inviter.user_id = m.invited_by
where m.org_id in (select roster_private.org_ids_with('members.read'));

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
