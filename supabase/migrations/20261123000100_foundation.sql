-- Roster foundation: schemas, enums, tables, indexes and the triggers that keep rows honest
-- (updated_at, append-only + hash-chained audit log, default permission matrix per org).
-- Access (RLS, views, grants) is in 20261123000500_access.sql; RPCs in 20261123000300_rpcs.sql.

-- Roster lives in its own schemas so it installs beside an app that already has tables called
-- profiles, organizations, members or invitations in `public`, and never changes the privileges of
-- the app's objects: `roster` is exposed through the API (add it to the project's exposed schemas:
-- config.toml [api] schemas, or Dashboard > Settings > API), `roster_private` never is. Supabase's
-- default grants cover `public` only, so nothing created in these schemas is reachable until a later
-- migration grants it. Postgres itself still grants EXECUTE on every new function to PUBLIC; each
-- migration that creates functions takes that back for these two schemas at its end (tested).
create schema roster;
grant usage on schema roster to anon, authenticated, service_role;
create schema roster_private;
revoke all on schema roster_private from public;

-- Extensions used here (Supabase keeps them in `extensions`; citext is not enabled by default).
create extension if not exists pgcrypto with schema extensions;
create extension if not exists citext with schema extensions;

-- ---------------------------------------------------------------------------------------------
-- Enums
-- ---------------------------------------------------------------------------------------------
create type roster.org_role as enum ('owner', 'admin', 'member', 'viewer');
create type roster.membership_status as enum ('active', 'suspended', 'removed');
create type roster.invitation_status as enum ('pending', 'accepted', 'declined', 'revoked', 'expired');
create type roster.transfer_status as enum ('pending', 'accepted', 'declined', 'cancelled', 'expired');
create type roster.actor_kind as enum ('user', 'system', 'support');

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------
create table roster.organizations (
  id uuid primary key default gen_random_uuid(),
  slug extensions.citext not null
    constraint organizations_slug_format check (slug::text operator(pg_catalog.~) '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
  name text not null constraint organizations_name_length check (char_length(name) between 1 and 200),
  legal_name text constraint organizations_legal_name_length check (char_length(legal_name) between 1 and 200),
  description text constraint organizations_description_length check (char_length(description) between 1 and 2000),
  invitation_lifetime_hours integer not null default 48
    constraint organizations_invitation_lifetime check (invitation_lifetime_hours between 1 and 720),
  is_personal boolean not null default false,
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
comment on table roster.organizations is 'Tenants. Soft-deleted orgs (deleted_at set) are unreachable through the API.';
-- slugs are unique among live organizations; a deleted org frees its slug
create unique index organizations_slug_live_key on roster.organizations (slug) where deleted_at is null;
create index organizations_created_by_idx on roster.organizations (created_by);

create table roster.permissions (
  key text primary key constraint permissions_key_format check (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  area text not null,
  description text not null,
  owner_only boolean not null default false
);
comment on table roster.permissions is 'Catalog of permission keys. Host apps add their own keys by migration.';

create table roster.role_permissions (
  org_id uuid not null references roster.organizations (id) on delete cascade,
  role roster.org_role not null,
  permission text not null references roster.permissions (key) on delete cascade,
  primary key (org_id, role, permission)
);
comment on table roster.role_permissions is 'Per-org permission matrix (role x permission), seeded from the defaults on org creation.';
create index role_permissions_permission_idx on roster.role_permissions (permission);

create table roster.profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  email extensions.citext,
  display_name text not null constraint profiles_display_name_length check (char_length(display_name) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table roster.profiles is 'Mirror of auth.users (email, display name), maintained by triggers; auth.users is never exposed.';
create index profiles_email_idx on roster.profiles (email);

create table roster.memberships (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references roster.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role roster.org_role not null,
  status roster.membership_status not null default 'active',
  invited_by uuid references auth.users (id) on delete set null,
  joined_at timestamptz not null default now(),
  last_active_at timestamptz,
  suspended_at timestamptz,
  suspended_by uuid references auth.users (id) on delete set null,
  suspended_reason text,
  removed_at timestamptz,
  removed_by uuid references auth.users (id) on delete set null,
  removed_reason text,
  updated_at timestamptz not null default now(),
  constraint memberships_org_user_key unique (org_id, user_id),
  -- the owner is always an active member; owners are never suspended or removed
  constraint memberships_owner_active check (role <> 'owner' or status = 'active'),
  constraint memberships_suspended_fields check (status <> 'suspended' or suspended_at is not null),
  constraint memberships_removed_fields check (status <> 'removed' or removed_at is not null)
);
-- at most one active owner per org (at least one is checked at commit by a constraint trigger)
create unique index memberships_one_owner_key on roster.memberships (org_id) where role = 'owner' and status = 'active';
create index memberships_user_id_idx on roster.memberships (user_id, status);
create index memberships_org_status_idx on roster.memberships (org_id, status, role);
create index memberships_invited_by_idx on roster.memberships (invited_by);
create index memberships_suspended_by_idx on roster.memberships (suspended_by);
create index memberships_removed_by_idx on roster.memberships (removed_by);

create table roster.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references roster.organizations (id) on delete cascade,
  email extensions.citext not null constraint invitations_email_length check (char_length(email::text) between 3 and 254),
  role roster.org_role not null constraint invitations_role_not_owner check (role <> 'owner'),
  token_hash bytea not null constraint invitations_token_hash_length check (octet_length(token_hash) = 32),
  invited_by uuid references auth.users (id) on delete set null,
  message text constraint invitations_message_length check (char_length(message) <= 1000),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  status roster.invitation_status not null default 'pending',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  declined_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  delivery_status text not null default 'pending'
    constraint invitations_delivery_status check (delivery_status in ('pending', 'sent', 'failed')),
  delivery_error text,
  send_count integer not null default 0,
  last_sent_at timestamptz
);
comment on column roster.invitations.token_hash is 'SHA-256 of the plaintext token; never selectable by API roles.';
create unique index invitations_token_hash_key on roster.invitations (token_hash);
create unique index invitations_one_pending_key on roster.invitations (org_id, email) where status = 'pending';
create index invitations_org_created_idx on roster.invitations (org_id, created_at desc);
create index invitations_email_idx on roster.invitations (email) where status = 'pending';
create index invitations_invited_by_idx on roster.invitations (invited_by);
create index invitations_accepted_by_idx on roster.invitations (accepted_by);
create index invitations_revoked_by_idx on roster.invitations (revoked_by);
create index invitations_pending_expiry_idx on roster.invitations (expires_at) where status = 'pending';

create table roster.ownership_transfers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references roster.organizations (id) on delete cascade,
  from_user_id uuid not null references auth.users (id) on delete cascade,
  to_user_id uuid not null references auth.users (id) on delete cascade,
  status roster.transfer_status not null default 'pending',
  requested_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '48 hours',
  resolved_at timestamptz,
  resolved_by uuid references auth.users (id) on delete set null,
  constraint ownership_transfers_distinct_users check (from_user_id <> to_user_id)
);
create unique index ownership_transfers_one_pending_key on roster.ownership_transfers (org_id) where status = 'pending';
create index ownership_transfers_org_requested_idx on roster.ownership_transfers (org_id, requested_at desc);
create index ownership_transfers_from_user_idx on roster.ownership_transfers (from_user_id);
create index ownership_transfers_to_user_idx on roster.ownership_transfers (to_user_id);
create index ownership_transfers_resolved_by_idx on roster.ownership_transfers (resolved_by);
create index ownership_transfers_pending_expiry_idx on roster.ownership_transfers (expires_at) where status = 'pending';

-- Actor and target ids are snapshots, deliberately without foreign keys: history outlives users.
create table roster.audit_events (
  id bigint generated always as identity primary key,
  org_id uuid not null references roster.organizations (id),
  occurred_at timestamptz not null default now(),
  actor_kind roster.actor_kind not null,
  actor_id uuid,
  actor_email text,
  action text not null constraint audit_events_action check (action in (
    'org.created', 'org.updated', 'org.deleted',
    'invitation.created', 'invitation.resent', 'invitation.revoked', 'invitation.accepted',
    'invitation.declined', 'invitation.expired',
    'member.role_changed', 'member.suspended', 'member.reactivated', 'member.removed', 'member.left',
    'ownership.transfer_requested', 'ownership.transfer_accepted', 'ownership.transfer_declined',
    'ownership.transfer_cancelled', 'ownership.transfer_expired',
    'permissions.updated', 'support.access_restored', 'audit.exported')),
  target_user_id uuid,
  target_email text,
  target_invitation_id uuid,
  reason text,
  before jsonb,
  after jsonb,
  ip inet,
  user_agent text,
  prev_hash bytea,
  hash bytea not null
);
comment on table roster.audit_events is 'Append-only, per-org SHA-256 hash chain; verify with verify_audit_chain(p_org_id).';
create index audit_events_org_newest_idx on roster.audit_events (org_id, occurred_at desc, id desc);
-- chain order (the trigger's "previous event" lookup and verify_audit_chain)
create index audit_events_org_chain_idx on roster.audit_events (org_id, id);
create index audit_events_org_action_idx on roster.audit_events (org_id, action, occurred_at desc);
create index audit_events_org_actor_idx on roster.audit_events (org_id, actor_id, occurred_at desc);
create index audit_events_org_target_idx on roster.audit_events (org_id, target_user_id, occurred_at desc);

-- ---------------------------------------------------------------------------------------------
-- Permission catalog (DESIGN.md §3)
-- ---------------------------------------------------------------------------------------------
insert into roster.permissions (key, area, description, owner_only) values
  ('settings.read', 'settings', 'View business settings', false),
  ('settings.write', 'settings', 'Edit business settings', false),
  ('members.read', 'members', 'View members and invitations', false),
  ('members.invite', 'members', 'Invite, resend and revoke invitations', false),
  ('members.manage', 'members', 'Change roles, suspend, reactivate and remove members', false),
  ('audit.read', 'audit', 'Read the audit log', false),
  ('audit.export', 'audit', 'Export the audit log', false),
  ('billing.manage', 'billing', 'Manage billing', false),
  ('org.delete', 'organization', 'Delete the organization', true),
  ('permissions.manage', 'organization', 'Edit the permission matrix', true),
  ('ownership.transfer', 'organization', 'Transfer ownership', true);

-- The default matrix every new organization starts from.
create table roster_private.default_role_permissions (
  role roster.org_role not null,
  permission text not null references roster.permissions (key) on delete cascade,
  primary key (role, permission)
);
create index default_role_permissions_permission_idx on roster_private.default_role_permissions (permission);

insert into roster_private.default_role_permissions (role, permission)
select 'owner'::roster.org_role, key from roster.permissions
union all
select 'admin'::roster.org_role, unnest(array[
  'settings.read', 'settings.write', 'members.read', 'members.invite', 'members.manage',
  'audit.read', 'audit.export'])
union all
select 'viewer'::roster.org_role, 'audit.read';

-- ---------------------------------------------------------------------------------------------
-- Row triggers
-- ---------------------------------------------------------------------------------------------
-- Also part of the app API (docs/database.md §5): apps stamp their own tables with it.
create function roster.set_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger organizations_updated_at before update on roster.organizations
  for each row execute function roster.set_updated_at();
create trigger profiles_updated_at before update on roster.profiles
  for each row execute function roster.set_updated_at();
create trigger memberships_updated_at before update on roster.memberships
  for each row execute function roster.set_updated_at();

-- New organizations get the default matrix (also for orgs inserted directly by seeds/superusers).
create function roster_private.seed_role_permissions() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into roster.role_permissions (org_id, role, permission)
  select new.id, d.role, d.permission from roster_private.default_role_permissions d;
  return null;
end
$$;
create trigger organizations_seed_role_permissions after insert on roster.organizations
  for each row execute function roster_private.seed_role_permissions();

-- Exactly one active owner per live organization, checked at commit (defense in depth: the RPCs
-- already lock the org row and refuse anything that would break it).
create function roster_private.check_single_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid;
  v_owners integer;
begin
  if tg_table_name = 'organizations' then
    v_org_id := new.id;
  elsif tg_op = 'DELETE' then
    v_org_id := old.org_id;
  else
    v_org_id := new.org_id;
  end if;
  if not exists (select 1 from roster.organizations o where o.id = v_org_id and o.deleted_at is null) then
    return null;
  end if;
  select count(*) into v_owners from roster.memberships m
  where m.org_id = v_org_id and m.role = 'owner' and m.status = 'active';
  if v_owners <> 1 then
    raise exception using errcode = 'P0001', hint = 'last_owner',
      message = format('An organization must have exactly one active owner (found %s).', v_owners);
  end if;
  return null;
end
$$;
create constraint trigger memberships_single_owner
  after insert or update of role, status, org_id or delete on roster.memberships
  deferrable initially deferred for each row execute function roster_private.check_single_owner();
create constraint trigger organizations_single_owner
  after insert on roster.organizations
  deferrable initially deferred for each row execute function roster_private.check_single_owner();

-- ---------------------------------------------------------------------------------------------
-- Audit log: append-only and hash-chained per organization
-- ---------------------------------------------------------------------------------------------
-- The canonical text of an event: a JSON array of every field except the hashes, with the
-- timestamp as integer microseconds so DateStyle/TimeZone settings cannot change it.
create function roster_private.audit_canonical(e roster.audit_events) returns text
language plpgsql immutable set search_path = '' as $$
begin
  return pg_catalog.jsonb_build_array(
    e.id, e.org_id, (extract(epoch from e.occurred_at) * 1000000)::bigint,
    e.actor_kind, e.actor_id, e.actor_email, e.action,
    e.target_user_id, e.target_email, e.target_invitation_id, e.reason,
    e.before, e.after, e.ip::text, e.user_agent)::text;
end
$$;

-- PL/pgSQL rather than SQL: with `set search_path` a SQL function cannot be inlined and is
-- planned again on every call, which made verifying a 100k-event chain take ~10 s; PL/pgSQL
-- keeps its plan for the session (~8x faster).
create function roster_private.audit_event_hash(p_prev_hash bytea, e roster.audit_events) returns bytea
language plpgsql immutable set search_path = '' as $$
begin
  return pg_catalog.sha256(coalesce(p_prev_hash, '\x'::bytea) || pg_catalog.convert_to(roster_private.audit_canonical(e), 'UTF8'));
end
$$;

-- The newest link of each org's chain, kept apart from the events so that cutting events off
-- the end of the log (which leaves a consistent shorter chain) is still detected by
-- verify_audit_chain. Not reachable by any API role.
create table roster_private.audit_chain_heads (
  org_id uuid primary key references roster.organizations (id) on delete cascade,
  last_event_id bigint not null,
  last_hash bytea not null
);
alter table roster_private.audit_chain_heads enable row level security;

-- Chains every inserted event to the org's previous one. The org row lock serializes writers per
-- org (RPCs already hold it; this makes direct inserts safe too), so the chain never forks.
create function roster_private.audit_events_chain() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform 1 from roster.organizations o where o.id = new.org_id for update;
  select h.last_hash into new.prev_hash from roster_private.audit_chain_heads h where h.org_id = new.org_id;
  new.hash := roster_private.audit_event_hash(new.prev_hash, new);
  insert into roster_private.audit_chain_heads (org_id, last_event_id, last_hash)
  values (new.org_id, new.id, new.hash)
  on conflict (org_id) do update set last_event_id = excluded.last_event_id, last_hash = excluded.last_hash;
  return new;
end
$$;
create trigger audit_events_chain before insert on roster.audit_events
  for each row execute function roster_private.audit_events_chain();

create function roster_private.audit_events_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', hint = 'forbidden',
    message = 'Audit events are append-only: ' || tg_op || ' is not allowed.';
end
$$;
create trigger audit_events_no_update before update or delete on roster.audit_events
  for each row execute function roster_private.audit_events_append_only();
create trigger audit_events_no_truncate before truncate on roster.audit_events
  for each statement execute function roster_private.audit_events_append_only();
