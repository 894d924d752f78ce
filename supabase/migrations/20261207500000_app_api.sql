-- Issue 13: the SQL API an app uses to protect its own tables with the organization's permission
-- matrix (docs/adopting.md). Three calls, each meant for one place:
--   roster.register_permission(key, description, roles)  in the app's migrations (as postgres)
--   roster.orgs_with(key)                                 in the app's RLS policies
--   roster.audit(org_id, action, ...)                     in the app's SECURITY DEFINER RPCs

-- ---------------------------------------------------------------------------------------------
-- Namespaces: an app area can never be one of Roster's own
-- ---------------------------------------------------------------------------------------------
-- The first segment of Roster's permission keys and audit actions. An app registering `member.x`
-- could otherwise write audit events that read as Roster's `member.removed`.
-- PL/pgSQL, as trim_blank (20261123000200): every audit event's insert trigger calls it.
-- scripts/roster-resource.ts reads this list from here.
create function roster_private.is_roster_area(p_area text) returns boolean
language plpgsql immutable set search_path = '' as $$
begin
  return p_area in ('roster', 'org', 'organization', 'settings', 'member', 'members', 'invitation', 'invitations',
                    'ownership', 'permissions', 'support', 'audit');
end
$$;

-- Roster's own actions, as before, or `<area>.<verb>` of an area outside Roster's namespace. That
-- the area was registered (roster.register_permission) is checked by the trigger below: a check
-- constraint cannot read other tables.
alter table roster.audit_events drop constraint audit_events_action;
alter table roster.audit_events add constraint audit_events_action check (
  action in (
    'org.created', 'org.updated', 'org.deleted',
    'invitation.created', 'invitation.resent', 'invitation.revoked', 'invitation.accepted',
    'invitation.declined', 'invitation.expired',
    'member.role_changed', 'member.suspended', 'member.reactivated', 'member.removed', 'member.left',
    'ownership.transfer_requested', 'ownership.transfer_accepted', 'ownership.transfer_declined',
    'ownership.transfer_cancelled', 'ownership.transfer_expired',
    'permissions.updated', 'support.access_restored', 'audit.exported')
  or (action ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$'
      and not roster_private.is_roster_area(pg_catalog.split_part(action, '.', 1))));

create function roster_private.audit_events_app_action() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_area text := pg_catalog.split_part(new.action, '.', 1);
begin
  if not roster_private.is_roster_area(v_area)
    and not exists (select 1 from roster.permissions p where p.area = v_area) then
    perform roster_private.fail('invalid_input',
      format('%s is not an action of a registered app area (register its permissions first).', new.action));
  end if;
  return new;
end
$$;
-- named to sort before audit_events_chain: refused before the org row is locked and chained
create trigger audit_events_app_action before insert on roster.audit_events
  for each row execute function roster_private.audit_events_app_action();

-- ---------------------------------------------------------------------------------------------
-- register_permission: one call per key, in a migration
-- ---------------------------------------------------------------------------------------------
-- Adds `<area>.<verb>` to the catalog with its description, and grants it by default to the owner
-- (always) and p_roles. A new key is granted at once to those roles in every existing
-- organization; calling again for a known key updates its description and the defaults new
-- organizations start from, and never touches a matrix an owner may have edited since.
create function roster.register_permission(p_key text, p_description text, p_roles roster.org_role[] default '{}')
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_area text := pg_catalog.split_part(p_key, '.', 1);
  v_description text := roster_private.clean_text(p_description, 'The description', 200, true);
  v_roles roster.org_role[] := array(select distinct r from pg_catalog.unnest(array['owner']::roster.org_role[] || p_roles) r);
  v_new boolean;
begin
  if p_key is null or p_key !~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$' then
    perform roster_private.fail('invalid_input',
      format('Permission key %L must be <area>.<verb> in lowercase letters, digits and underscores.', p_key));
  end if;
  if roster_private.is_roster_area(v_area) then
    perform roster_private.fail('invalid_input', format('The area %L belongs to Roster; choose another.', v_area));
  end if;
  if array_position(v_roles, null) is not null then
    perform roster_private.fail('invalid_input', 'p_roles must not contain null.');
  end if;

  insert into roster.permissions (key, area, description) values (p_key, v_area, v_description)
  on conflict (key) do update set description = excluded.description
  returning xmax = 0 into v_new;

  delete from roster_private.default_role_permissions d where d.permission = p_key;
  insert into roster_private.default_role_permissions (role, permission) select r, p_key from pg_catalog.unnest(v_roles) r;

  if v_new then
    insert into roster.role_permissions (org_id, role, permission)
    select o.id, r, p_key from roster.organizations o cross join pg_catalog.unnest(v_roles) r
    on conflict do nothing;
  end if;
end
$$;
comment on function roster.register_permission(text, text, roster.org_role[]) is
  'Migration only: registers an app permission key with its default roles (the owner always holds it).';

-- ---------------------------------------------------------------------------------------------
-- orgs_with: the policy helper
-- ---------------------------------------------------------------------------------------------
-- The caller's live organizations where their active role holds p_permission (nothing for anyone
-- else). Written `org_id in (select roster.orgs_with('<key>'))`, Postgres runs it once per
-- statement (an InitPlan or hashed SubPlan) and probes the result per row, as Roster's own
-- policies do (tests/database/plans.test.ts).
create function roster.orgs_with(p_permission text) returns setof uuid
language sql stable security definer set search_path = '' rows 10 as $$
  select roster_private.org_ids_with(p_permission)
$$;

-- ---------------------------------------------------------------------------------------------
-- audit: app events in the organization's hash chain
-- ---------------------------------------------------------------------------------------------
-- For the app's own SECURITY DEFINER functions (owned by postgres): API roles cannot execute it,
-- so nobody writes an event except through code the app reviewed. The actor is the signed-in
-- caller (auth.uid()), or `system` without one; address and user agent come from the request.
create function roster.audit(
  p_org_id uuid,
  p_action text,
  p_target_user_id uuid default null,
  p_reason text default null,
  p_before jsonb default null,
  p_after jsonb default null
) returns bigint
language plpgsql security definer set search_path = '' as $$
begin
  if p_action is null or p_action !~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$'
    or roster_private.is_roster_area(pg_catalog.split_part(p_action, '.', 1)) then
    perform roster_private.fail('invalid_input', format('%L is not an app action: use <your area>.<verb>.', p_action));
  end if;
  if not exists (select 1 from roster.organizations o where o.id = p_org_id and o.deleted_at is null) then
    perform roster_private.fail('not_found', 'Organization not found.');
  end if;
  return roster_private.write_audit(p_org_id, p_action, p_target_user_id => p_target_user_id,
    p_reason => roster_private.clean_text(p_reason, 'The reason', 500), p_before => p_before, p_after => p_after);
end
$$;
comment on function roster.audit(uuid, text, uuid, text, jsonb, jsonb) is
  'For app SECURITY DEFINER functions: appends <area>.<verb> to the org''s hash-chained audit log.';

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
-- policies call orgs_with as the querying role; register_permission and audit stay with postgres
grant execute on function roster.orgs_with(text) to authenticated;
