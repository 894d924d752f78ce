-- Private helpers used by RLS policies, RPCs and triggers. Nothing here is reachable through
-- PostgREST (schema `private` is not exposed); only the three read helpers that policies and
-- views call are executable by `authenticated` (granted in 20261123000500_access.sql).

-- ---------------------------------------------------------------------------------------------
-- Errors: one place maps each stable hint key to its SQLSTATE (DESIGN.md §5).
-- Not found uses PostgREST's custom-status SQLSTATE PT404 (HTTP 404): PostgREST answers every
-- P0* code other than P0001 with HTTP 500, so DESIGN.md's P0002 could never produce a 404.
-- ---------------------------------------------------------------------------------------------
create function roster_private.fail(p_hint text, p_message text) returns void
language plpgsql volatile set search_path = '' as $$
begin
  raise exception using
    errcode = case
      when p_hint in ('forbidden', 'role_too_high', 'invitation_email_mismatch') then '42501'
      when p_hint in ('not_found', 'invalid_token') then 'PT404'
      when p_hint in ('already_member', 'invitation_pending', 'transfer_pending', 'slug_taken') then '23505'
      when p_hint in ('invalid_input', 'reason_required') then '22023'
      else 'P0001' end,
    message = p_message,
    hint = p_hint;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Input parsing: every RPC argument is validated here so bad input never becomes a 500
-- ---------------------------------------------------------------------------------------------
create function roster_private.parse_uuid(p_value text, p_field text) returns uuid
language plpgsql immutable set search_path = '' as $$
begin
  if p_value is null or pg_catalog.btrim(p_value) = '' then
    perform roster_private.fail('invalid_input', p_field || ' is required.');
  end if;
  if pg_catalog.btrim(p_value) !~ '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$' then
    perform roster_private.fail('invalid_input', p_field || ' is not a valid id.');
  end if;
  return pg_catalog.btrim(p_value)::uuid;
end
$$;

create function roster_private.parse_role(p_value text) returns roster.org_role
language plpgsql immutable set search_path = '' as $$
begin
  if p_value is null or pg_catalog.lower(pg_catalog.btrim(p_value)) not in ('owner', 'admin', 'member', 'viewer') then
    perform roster_private.fail('invalid_input', 'Role must be one of owner, admin, member, viewer.');
  end if;
  return pg_catalog.lower(pg_catalog.btrim(p_value))::roster.org_role;
end
$$;

-- Strips surrounding whitespace, including the Unicode spaces and invisible characters that
-- [[:space:]] misses under the C.UTF-8 locale (no-break and zero-width spaces, BOM), so a
-- value that only looks blank counts as blank.
-- PL/pgSQL, as every small helper on a write path: a SQL function with SET search_path is never
-- inlined, and is parsed and planned again in each statement that calls it (PostgreSQL 17
-- executor/functions.c init_sql_fcache); PL/pgSQL keeps its plans for the session, and
-- PostgREST reuses its connections (8 writers: ~800 → ~900 change_member_role per second in
-- the database with the role and sort-key helpers, ~1,050 with this one and is_roster_area).
create function roster_private.trim_blank(p_value text) returns text
language plpgsql immutable set search_path = '' as $$
begin
  return pg_catalog.regexp_replace(
    coalesce(p_value, ''),
    '^[\s\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+|[\s\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+$',
    '', 'g');
end
$$;

-- Trims surrounding whitespace; empty becomes null (or invalid_input when required).
create function roster_private.clean_text(p_value text, p_field text, p_max integer, p_required boolean default false)
returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := roster_private.trim_blank(p_value);
begin
  if v = '' then
    if p_required then
      perform roster_private.fail('invalid_input', p_field || ' is required.');
    end if;
    return null;
  end if;
  if pg_catalog.char_length(v) > p_max then
    perform roster_private.fail('invalid_input', format('%s must be at most %s characters.', p_field, p_max));
  end if;
  return v;
end
$$;

create function roster_private.require_reason(p_reason text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := roster_private.trim_blank(p_reason);
begin
  if v = '' then
    perform roster_private.fail('reason_required', 'A reason is required.');
  end if;
  if pg_catalog.char_length(v) > 500 then
    perform roster_private.fail('invalid_input', 'The reason must be at most 500 characters.');
  end if;
  return v;
end
$$;

-- Lower-cased, trimmed address, or null when it is not a plausible ASCII email address.
create function roster_private.normalize_email(p_email text) returns text
language sql immutable set search_path = '' as $$
  select v from (select pg_catalog.lower(pg_catalog.btrim(p_email)) as v) s
  where pg_catalog.char_length(v) between 3 and 254
    and v ~ '^[a-z0-9.!#$%&''*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$'
    and v !~ '^\.|\.\.|\.@'
$$;

create function roster_private.role_rank(p_role roster.org_role) returns integer
language plpgsql immutable set search_path = '' as $$
begin
  return case p_role when 'owner' then 100 when 'admin' then 80 when 'member' then 50 when 'viewer' then 10 end;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Invitation tokens: 256 random bits, base64url (43 chars); only the SHA-256 is stored
-- ---------------------------------------------------------------------------------------------
create function roster_private.new_token() returns text
language sql volatile set search_path = '' as $$
  select pg_catalog.rtrim(pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=')
$$;

create function roster_private.hash_token(p_token text) returns bytea
language sql immutable set search_path = '' as $$
  select pg_catalog.sha256(pg_catalog.convert_to(p_token, 'UTF8'))
$$;

-- Hash of a well-formed token, or null for anything that cannot be one.
create function roster_private.token_hash_or_null(p_token text) returns bytea
language sql immutable set search_path = '' as $$
  select case when p_token ~ '^[A-Za-z0-9_-]{43}$' then roster_private.hash_token(p_token) end
$$;

-- ---------------------------------------------------------------------------------------------
-- Request context (PostgREST puts the HTTP headers in request.headers)
-- ---------------------------------------------------------------------------------------------
create function roster_private.request_ip() returns inet
language plpgsql stable set search_path = '' as $$
declare
  v_headers json;
  v text;
begin
  v_headers := nullif(current_setting('request.headers', true), '')::json;
  v := pg_catalog.btrim(pg_catalog.split_part(coalesce(v_headers ->> 'x-forwarded-for', v_headers ->> 'x-real-ip', ''), ',', 1));
  if v = '' then
    return null;
  end if;
  return v::inet;
exception when others then
  return null;
end
$$;

create function roster_private.request_user_agent() returns text
language plpgsql stable set search_path = '' as $$
begin
  return pg_catalog.left(nullif(current_setting('request.headers', true), '')::json ->> 'user-agent', 500);
exception when others then
  return null;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Audit writer: exactly one call per state change, inside the RPC's transaction
-- ---------------------------------------------------------------------------------------------
create function roster_private.write_audit(
  p_org_id uuid,
  p_action text,
  p_target_user_id uuid default null,
  p_target_email text default null,
  p_target_invitation_id uuid default null,
  p_reason text default null,
  p_before jsonb default null,
  p_after jsonb default null,
  p_actor_kind roster.actor_kind default null,
  p_actor_id uuid default null,
  p_actor_email text default null,
  p_occurred_at timestamptz default null
) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  v_kind roster.actor_kind := p_actor_kind;
  v_actor_id uuid := p_actor_id;
  v_actor_email text := p_actor_email;
  v_target_email text := p_target_email;
  v_id bigint;
begin
  if v_kind is null then
    v_actor_id := coalesce(v_actor_id, auth.uid());
    v_kind := case when v_actor_id is null then 'system' else 'user' end;
  end if;
  if v_kind = 'user' and v_actor_email is null then
    select u.email into v_actor_email from auth.users u where u.id = v_actor_id;
  end if;
  if v_target_email is null and p_target_user_id is not null then
    select coalesce(p.email::text, u.email) into v_target_email
    from auth.users u left join roster.profiles p on p.user_id = u.id
    where u.id = p_target_user_id;
  end if;
  -- serialize the org's chain before the identity value is drawn, so ids follow chain order
  perform 1 from roster.organizations o where o.id = p_org_id for update;
  insert into roster.audit_events (org_id, occurred_at, actor_kind, actor_id, actor_email, action,
    target_user_id, target_email, target_invitation_id, reason, before, after, ip, user_agent, hash)
  values (p_org_id, coalesce(p_occurred_at, now()), v_kind, v_actor_id, v_actor_email, p_action,
    p_target_user_id, v_target_email, p_target_invitation_id, p_reason, p_before, p_after,
    roster_private.request_ip(), roster_private.request_user_agent(), '\x'::bytea)
  returning id into v_id;
  return v_id;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- RLS helpers: set-returning, evaluated once per statement
-- ---------------------------------------------------------------------------------------------
-- Live orgs where the caller has an ACTIVE membership whose role holds p_permission.
create function roster_private.org_ids_with(p_permission text) returns setof uuid
language sql stable security definer set search_path = '' rows 10 as $$
  select m.org_id
  from roster.memberships m
  join roster.organizations o on o.id = m.org_id and o.deleted_at is null
  where m.user_id = (select auth.uid())
    and m.status = 'active'
    and exists (select 1 from roster.role_permissions rp
                where rp.org_id = m.org_id and rp.role = m.role and rp.permission = p_permission)
$$;

-- Live orgs where the caller has an ACTIVE membership (any role).
create function roster_private.active_org_ids() returns setof uuid
language sql stable security definer set search_path = '' rows 10 as $$
  select m.org_id
  from roster.memberships m
  join roster.organizations o on o.id = m.org_id and o.deleted_at is null
  where m.user_id = (select auth.uid()) and m.status = 'active'
$$;

-- Users whose profile the caller may read: the caller, plus anyone with a membership row (any
-- status, so history and inviters resolve) in an org where the caller holds members.read.
create function roster_private.visible_user_ids() returns setof uuid
language sql stable security definer set search_path = '' rows 100 as $$
  select (select auth.uid())
  union
  select m.user_id
  from roster.memberships m
  where m.org_id in (select roster_private.org_ids_with('members.read'))
$$;

-- ---------------------------------------------------------------------------------------------
-- RPC building blocks
-- ---------------------------------------------------------------------------------------------
create function roster_private.require_user() returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null or not exists (select 1 from auth.users u where u.id = v_uid) then
    perform roster_private.fail('forbidden', 'Sign in to do this.');
  end if;
  return v_uid;
end
$$;

-- Locks (FOR UPDATE) and returns a live organization, or not_found.
create function roster_private.lock_live_org(p_org_id uuid) returns roster.organizations
language plpgsql security definer set search_path = '' as $$
declare
  v_org roster.organizations;
begin
  select * into v_org from roster.organizations o where o.id = p_org_id for update;
  if not found or v_org.deleted_at is not null then
    perform roster_private.fail('not_found', 'Organization not found.');
  end if;
  return v_org;
end
$$;

-- The caller's active membership in a live org, optionally requiring a permission.
-- Locks the org row first (unless p_lock is false) so invariants checked afterwards hold until
-- commit. Not a member (or suspended/removed, or org deleted) -> not_found; member without the
-- permission -> forbidden.
create function roster_private.actor_membership(p_org_id uuid, p_permission text, p_lock boolean default true)
returns roster.memberships
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := roster_private.require_user();
  v_m roster.memberships;
begin
  if p_lock then
    perform roster_private.lock_live_org(p_org_id);
  elsif not exists (select 1 from roster.organizations o where o.id = p_org_id and o.deleted_at is null) then
    perform roster_private.fail('not_found', 'Organization not found.');
  end if;
  select * into v_m from roster.memberships m
  where m.org_id = p_org_id and m.user_id = v_uid and m.status = 'active';
  if not found then
    perform roster_private.fail('not_found', 'Organization not found.');
  end if;
  if p_permission is not null and not exists (
    select 1 from roster.role_permissions rp
    where rp.org_id = p_org_id and rp.role = v_m.role and rp.permission = p_permission
  ) then
    perform roster_private.fail('forbidden', format('Your role (%s) does not have the %s permission.', v_m.role, p_permission));
  end if;
  return v_m;
end
$$;

-- Locks and returns the target member of a management action, enforcing invariants 4 and 5.
-- p_allow_owner_target: false -> acting on the owner raises last_owner.
create function roster_private.managed_target(p_org_id uuid, p_actor roster.memberships, p_user_id uuid)
returns roster.memberships
language plpgsql security definer set search_path = '' as $$
declare
  v_t roster.memberships;
begin
  if p_user_id = p_actor.user_id then
    perform roster_private.fail('cannot_act_on_self', 'You cannot do this to your own membership.');
  end if;
  select * into v_t from roster.memberships m
  where m.org_id = p_org_id and m.user_id = p_user_id and m.status <> 'removed'
  for update;
  if not found then
    perform roster_private.fail('not_found', 'Member not found.');
  end if;
  if v_t.role = 'owner' then
    perform roster_private.fail('last_owner', 'The owner cannot be demoted, suspended or removed; transfer ownership first.');
  end if;
  if roster_private.role_rank(v_t.role) >= roster_private.role_rank(p_actor.role) then
    perform roster_private.fail('role_too_high', format('Your role (%s) cannot manage a member whose role is %s.', p_actor.role, v_t.role));
  end if;
  return v_t;
end
$$;

create function roster_private.slugify(p_text text) returns text
language sql immutable set search_path = '' as $$
  select coalesce(nullif(pg_catalog.btrim(pg_catalog.left(pg_catalog.btrim(
    pg_catalog.regexp_replace(pg_catalog.lower(coalesce(p_text, '')), '[^a-z0-9]+', '-', 'g'), '-'), 40), '-'), ''), 'org')
$$;

-- Creates an org with its default matrix (trigger), its owner membership and the org.created
-- event. p_slug null -> derived from p_slug_base (or the name) with a random suffix if taken.
create function roster_private.create_org_core(
  p_owner uuid, p_name text, p_slug text, p_legal_name text, p_description text,
  p_is_personal boolean, p_slug_base text default null
) returns roster.organizations
language plpgsql security definer set search_path = '' as $$
declare
  v_org roster.organizations;
  v_slug text;
  v_base text;
  v_try integer := 0;
begin
  if p_slug is not null then
    v_slug := pg_catalog.lower(pg_catalog.btrim(p_slug));
    if v_slug !~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' then
      perform roster_private.fail('invalid_input', 'The slug may use lowercase letters, digits and inner hyphens (at most 63 characters).');
    end if;
    if exists (select 1 from roster.organizations o where o.slug operator(extensions.=) v_slug::extensions.citext and o.deleted_at is null) then
      perform roster_private.fail('slug_taken', format('The address "%s" is already taken.', v_slug));
    end if;
  else
    v_base := roster_private.slugify(coalesce(p_slug_base, p_name));
    v_slug := v_base;
    while exists (select 1 from roster.organizations o where o.slug operator(extensions.=) v_slug::extensions.citext and o.deleted_at is null) loop
      v_try := v_try + 1;
      v_slug := v_base || '-' || pg_catalog.substr(pg_catalog.md5(pg_catalog.random()::text), 1, case when v_try < 5 then 4 else 8 end);
    end loop;
  end if;

  begin
    insert into roster.organizations (slug, name, legal_name, description, is_personal, created_by)
    values (v_slug, p_name, p_legal_name, p_description, p_is_personal, p_owner)
    returning * into v_org;
  exception when unique_violation then
    perform roster_private.fail('slug_taken', format('The address "%s" is already taken.', v_slug));
  end;

  insert into roster.memberships (org_id, user_id, role, status, joined_at)
  values (v_org.id, p_owner, 'owner', 'active', now());

  perform roster_private.write_audit(v_org.id, 'org.created', p_target_user_id => p_owner,
    p_after => pg_catalog.jsonb_build_object('name', v_org.name, 'slug', v_org.slug, 'legal_name', v_org.legal_name,
      'description', v_org.description, 'is_personal', v_org.is_personal));
  return v_org;
end
$$;

-- Invariant 9: a user with no active membership in a live org gets a personal organization.
-- Serialized per user so two concurrent "leave last org" calls cannot both skip (or both create).
create function roster_private.ensure_personal_org(p_user_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_email text;
  v_name text;
  v_org roster.organizations;
begin
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('roster.personal_org:' || p_user_id::text, 0));
  if exists (
    select 1 from roster.memberships m join roster.organizations o on o.id = m.org_id
    where m.user_id = p_user_id and m.status = 'active' and o.deleted_at is null
  ) then
    return null;
  end if;
  select u.email, coalesce(p.display_name, nullif(pg_catalog.split_part(u.email, '@', 1), ''), 'My')
    into v_email, v_name
  from auth.users u left join roster.profiles p on p.user_id = u.id
  where u.id = p_user_id;
  if not found then
    return null;
  end if;
  v_org := roster_private.create_org_core(p_user_id, pg_catalog.left(v_name || '''s workspace', 200), null, null, null, true,
    coalesce(nullif(pg_catalog.split_part(v_email, '@', 1), ''), v_name));
  return v_org.id;
end
$$;

-- Effective status of an invitation: pending past its expiry reads as expired.
create function roster_private.invitation_effective_status(p_status roster.invitation_status, p_expires_at timestamptz)
returns roster.invitation_status
language sql stable set search_path = '' as $$
  select case when p_status = 'pending' and p_expires_at <= now() then 'expired'::roster.invitation_status else p_status end
$$;

-- Refusal for an invitation that is no longer pending (or pending but past expiry).
create function roster_private.assert_invitation_open(p_inv roster.invitations) returns void
language plpgsql stable set search_path = '' as $$
begin
  case roster_private.invitation_effective_status(p_inv.status, p_inv.expires_at)
    when 'accepted' then perform roster_private.fail('invitation_used', 'This invitation has already been accepted.');
    when 'declined' then perform roster_private.fail('invitation_used', 'This invitation has already been declined.');
    when 'revoked' then perform roster_private.fail('invitation_revoked', 'This invitation has been revoked.');
    when 'expired' then perform roster_private.fail('invitation_expired', 'This invitation has expired.');
    else null;
  end case;
end
$$;
