-- The cluster's roles as the Supabase platform sets them up (supabase/postgres
-- migrations/db/init-scripts/00000000000000-initial-schema.sql, 00000000000001-auth-schema.sql and
-- migrations/db/migrations/*, newest first where they disagree). Roles belong to the cluster, not
-- to a database, so this runs as the platform superuser `supabase_admin` on every start; every
-- statement can run again. The runner binds the password placeholders below.

do $roles$
declare
  name text;
begin
  foreach name in array array['postgres', 'anon', 'authenticated', 'service_role', 'authenticator',
    'supabase_auth_admin']
  loop
    if not exists (select from pg_roles where rolname = name) then
      execute format('create role %I', name);
    end if;
  end loop;
end
$roles$;

-- 10000000000000_demote-postgres.sql: the project's own role is not a superuser
alter role postgres nosuperuser createdb createrole login replication bypassrls
  password :'postgres_password';
-- 20250605172253_grant_with_admin_to_postgres_16_and_above.sql, 20230306081037_grant_pg_monitor…,
-- 20240606060239_grant_predefined_roles_to_postgres.sql
grant anon, authenticated, service_role to postgres with admin option;
grant pg_monitor, pg_read_all_data, pg_signal_backend to postgres;
-- 00000000000003-post-setup.sql
alter role postgres set search_path = "$user", public, extensions;

-- API roles; 20230529180330_alter_api_roles_for_inherit.sql made them inherit
alter role anon nologin inherit;
alter role authenticated nologin inherit;
alter role service_role nologin inherit bypassrls;
-- initial-schema: "Set short statement/query timeouts for API roles". PostgREST applies the
-- impersonated role's settings per request (PostgREST src/PostgREST/Config/Database.hs,
-- queryRoleSettings), so these bound every anon and signed-in request.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- PostgREST logs in as authenticator; 20221028101028_set_authenticator_timeout.sql and
-- 20231130133139_set_lock_timeout_to_authenticator_role.sql
alter role authenticator login noinherit password :'authenticator_password';
grant anon, authenticated, service_role to authenticator;
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';

-- Supabase Auth's role (the local stand-in logs in as it); 20260821154147_revoke_createrole…,
-- 20220322085208_gotrue-session-limit.sql
alter role supabase_auth_admin login noinherit nocreaterole noreplication
  password :'authenticator_password';
alter role supabase_auth_admin set search_path = auth;
alter role supabase_auth_admin set idle_in_transaction_session_timeout = 60000;
