-- Issue 10, finding 5: a person named in a tenant table is a member of that row's organization.
-- The foreign keys to auth.users stay (they null the reference when the account is deleted),
-- but they are never what refuses a write: their error would tell any caller whether a user id
-- exists anywhere. This trigger runs first (BEFORE, where foreign keys are checked AFTER) and
-- answers invalid_input with the same words whether the id is unknown, belongs to another
-- tenant, or to someone who has left.

-- Part of the app API (docs/database.md §5): an app hangs it on its own tables, the trigger's
-- arguments naming their person columns; the table's `<table>.write` key (the generator's and
-- the guide's convention) decides who may write at all. On update only a changed reference (or
-- a row moved to another org) is checked, so history such as created_by keeps naming people who
-- have since left.
create function roster.require_org_members() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_new jsonb := pg_catalog.to_jsonb(new);
  v_old jsonb := case when tg_op = 'UPDATE' then pg_catalog.to_jsonb(old) end;
  v_column text;
  v_user_id uuid;
begin
  -- A signed-in caller who may not write this org's rows is refused by RLS right after this
  -- trigger (BEFORE triggers run first); answering here instead would tell them whether someone
  -- is a member of an org that is not theirs. The policies' own test, per table:
  if (select auth.role()) = 'authenticated'
    and new.org_id not in (select roster_private.org_ids_with(tg_table_name || '.write')) then
    return new;
  end if;
  foreach v_column in array tg_argv loop
    v_user_id := (v_new ->> v_column)::uuid;
    continue when v_user_id is null;
    continue when v_old is not null and v_old ->> 'org_id' = v_new ->> 'org_id'
      and v_old ->> v_column = v_new ->> v_column;
    if not exists (
      select 1 from roster.memberships m
      where m.org_id = new.org_id and m.user_id = v_user_id and m.status = 'active'
    ) then
      perform roster_private.fail('invalid_input',
        format('%s must be an active member of this organization.', v_column));
    end if;
  end loop;
  return new;
end
$$;
revoke all on function roster.require_org_members() from public, anon, authenticated, service_role;

-- The demo tenant tables hang it on their rows in 20261207500010_example_app_tables.sql.

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
