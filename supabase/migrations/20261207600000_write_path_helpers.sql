-- Issue 11 budgets: the fixed cost of the small helpers every membership write calls.
--
-- A SQL function that cannot be inlined (SET search_path stops inlining) is parsed and planned
-- again in every statement that calls it (PostgreSQL 17, src/backend/executor/functions.c
-- init_sql_fcache), and an index expression is set up again for every UPDATE. change_member_role
-- calls these about a dozen times per request (role ranks, the directory sort keys of the
-- memberships indexes, the reason check, the audit action check), and pg_stat_user_functions
-- under 8 concurrent writers showed that set-up as a visible share of each write. PL/pgSQL keeps
-- each expression's plan for the session, and PostgREST reuses its connections: pgbench with 8
-- clients writing across 8 orgs went from ~800 to ~900 writes/s. Same results, so the
-- indexes built on the sort keys stay valid; same volatility; search_path stays pinned.

create or replace function roster_private.role_rank(p_role roster.org_role) returns integer
language plpgsql immutable set search_path = '' as $$
begin
  return case p_role when 'owner' then 100 when 'admin' then 80 when 'member' then 50 when 'viewer' then 10 end;
end
$$;

create or replace function roster_private.directory_role_key(p_role roster.org_role) returns bigint
language plpgsql immutable set search_path = '' as $$
begin
  return (100 - roster_private.role_rank(p_role))::bigint;
end
$$;

create or replace function roster_private.directory_status_key(p_status roster.membership_status) returns bigint
language plpgsql immutable set search_path = '' as $$
begin
  return case p_status when 'active' then 0 when 'suspended' then 2 when 'removed' then 3 end::bigint;
end
$$;

create or replace function roster_private.directory_time_key(p_at timestamptz) returns bigint
language plpgsql immutable set search_path = '' as $$
begin
  return coalesce(-(extract(epoch from (p_at - '2000-01-01 00:00:00+00'::timestamptz)) * 1000000)::bigint,
                  9223372036854775807);
end
$$;

create or replace function roster_private.trim_blank(p_value text) returns text
language plpgsql immutable set search_path = '' as $$
begin
  return pg_catalog.regexp_replace(
    coalesce(p_value, ''),
    '^[\s\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+|[\s\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+$',
    '', 'g');
end
$$;

create or replace function roster_private.is_roster_area(p_area text) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  return p_area in ('roster', 'org', 'organization', 'settings', 'member', 'members', 'invitation', 'invitations',
                    'ownership', 'permissions', 'support', 'audit');
end
$$;

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
