-- Issue 12, server side: the caller's own access state, settings.read enforced, pending
-- invitations answered in-app by id, ownership transfer emails with delivery recorded, and audit
-- events that carry the names of the people involved as they were at the time.

-- =============================================================================================
-- The caller's own membership in every organization they belong or belonged to
-- =============================================================================================
-- Suspended and removed people can no longer read the org's rows, so the SPA asks here to tell
-- "your access was suspended" apart from a wrong address. Only the caller's own row and the
-- org's name; never anyone else's data.
create function roster.my_access()
returns table (
  org_id uuid,
  org_slug text,
  org_name text,
  org_deleted boolean,
  role roster.org_role,
  status roster.membership_status,
  joined_at timestamptz,
  suspended_at timestamptz,
  removed_at timestamptz
)
language sql stable security definer set search_path = '' as $$
  select m.org_id, o.slug::text, o.name, o.deleted_at is not null, m.role, m.status, m.joined_at,
    m.suspended_at, m.removed_at
  from roster.memberships m
  join roster.organizations o on o.id = m.org_id
  where m.user_id = (select auth.uid())
  order by o.name
$$;

-- =============================================================================================
-- settings.read: legal name, description and invitation lifetime only for holders
-- =============================================================================================
-- Every active member keeps reading the org's identity (name, slug); the business settings move
-- behind settings.read. Column privileges, so PostgREST refuses `select=legal_name` outright.
revoke select on roster.organizations from authenticated;
grant select (id, slug, name, is_personal, created_at, created_by, updated_at, deleted_at)
  on roster.organizations to authenticated;

create function roster.get_organization_settings(p_org_id text)
returns table (
  id uuid,
  slug text,
  name text,
  legal_name text,
  description text,
  invitation_lifetime_hours integer,
  created_at timestamptz
)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
begin
  perform roster_private.actor_membership(v_org_id, 'settings.read', false);
  return query
  select o.id, o.slug::text, o.name, o.legal_name, o.description, o.invitation_lifetime_hours, o.created_at
  from roster.organizations o where o.id = v_org_id;
end
$$;

-- billing.manage guarded nothing: Roster has no billing data. A key that no policy or RPC checks
-- only makes the matrix claim more than the server enforces, so it leaves the catalog; a host app
-- with billing registers it again next to the policy that checks it.
delete from roster.permissions where key = 'billing.manage';

-- =============================================================================================
-- Invitations: answered by id from inside the app, same rules as the emailed link
-- =============================================================================================
-- A declined invitation says so, instead of "already used".
create or replace function roster_private.assert_invitation_open(p_inv roster.invitations) returns void
language plpgsql stable set search_path = '' as $$
begin
  case roster_private.invitation_effective_status(p_inv.status, p_inv.expires_at)
    when 'accepted' then perform roster_private.fail('invitation_used', 'This invitation has already been accepted.');
    when 'declined' then perform roster_private.fail('invitation_declined', 'This invitation was declined.');
    when 'revoked' then perform roster_private.fail('invitation_revoked', 'This invitation has been revoked.');
    when 'expired' then perform roster_private.fail('invitation_expired', 'This invitation has expired.');
    else null;
  end case;
end
$$;

-- Locks org then invitation, checks it is open and addressed to the caller's confirmed email.
-- p_hash (the link's token) must still match under the lock: a concurrent resend rotates it.
create function roster_private.claim_invitation_id(p_id uuid, p_hash bytea default null) returns roster.invitations
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := roster_private.require_user();
  v_missing text := case when p_hash is null then 'not_found' else 'invalid_token' end;
  v_org_id uuid;
  v_inv roster.invitations;
  v_email text;
  v_confirmed timestamptz;
begin
  select i.org_id into v_org_id from roster.invitations i where i.id = p_id;
  if not found or not exists (select 1 from roster.organizations o where o.id = v_org_id and o.deleted_at is null) then
    perform roster_private.fail(v_missing, 'This invitation is not valid.');
  end if;
  perform roster_private.lock_live_org(v_org_id);
  -- re-read under the org lock: a concurrent accept/revoke/resend has finished by now
  select * into v_inv from roster.invitations i
  where i.id = p_id and (p_hash is null or i.token_hash = p_hash) for update;
  if not found then
    perform roster_private.fail(v_missing, 'This invitation is not valid.');
  end if;
  perform roster_private.assert_invitation_open(v_inv);
  select u.email, u.email_confirmed_at into v_email, v_confirmed from auth.users u where u.id = v_uid;
  if v_confirmed is null then
    perform roster_private.fail('invitation_email_mismatch', 'Confirm your email address before answering this invitation.');
  end if;
  if v_email is null or pg_catalog.lower(v_email) <> pg_catalog.lower(v_inv.email::text) then
    perform roster_private.fail('invitation_email_mismatch', 'This invitation was sent to a different email address.');
  end if;
  return v_inv;
end
$$;

create or replace function roster_private.claim_invitation(p_token text) returns roster.invitations
language plpgsql security definer set search_path = '' as $$
declare
  v_hash bytea := roster_private.token_hash_or_null(p_token);
  v_id uuid;
begin
  perform roster_private.require_user();
  if v_hash is not null then
    select i.id into v_id from roster.invitations i where i.token_hash = v_hash;
  end if;
  if v_id is null then
    perform roster_private.fail('invalid_token', 'This invitation link is not valid.');
  end if;
  return roster_private.claim_invitation_id(v_id, v_hash);
end
$$;

create function roster_private.accept_claimed_invitation(v_inv roster.invitations, out org_id uuid, out role roster.org_role)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_uid uuid := auth.uid();
  v_m roster.memberships;
begin
  select * into v_m from roster.memberships m where m.org_id = v_inv.org_id and m.user_id = v_uid for update;
  if found and v_m.status in ('active', 'suspended') then
    perform roster_private.fail('already_member', case when v_m.status = 'active'
      then 'You are already a member of this organization.'
      else 'Your membership in this organization is suspended; ask an admin to reactivate it.' end);
  end if;
  if found then
    -- a removed member comes back through a new invitation
    update roster.memberships m
    set role = v_inv.role, status = 'active', invited_by = v_inv.invited_by, joined_at = now(),
        last_active_at = null, suspended_at = null, suspended_by = null, suspended_reason = null,
        removed_at = null, removed_by = null, removed_reason = null
    where m.id = v_m.id;
  else
    insert into roster.memberships (org_id, user_id, role, status, invited_by, joined_at)
    values (v_inv.org_id, v_uid, v_inv.role, 'active', v_inv.invited_by, now());
  end if;
  update roster.invitations i set status = 'accepted', accepted_at = now(), accepted_by = v_uid where i.id = v_inv.id;
  perform roster_private.write_audit(v_inv.org_id, 'invitation.accepted', p_target_user_id => v_uid,
    p_target_email => v_inv.email::text, p_target_invitation_id => v_inv.id,
    p_before => case when v_m.id is not null then pg_catalog.jsonb_build_object('status', v_m.status, 'role', v_m.role) end,
    p_after => pg_catalog.jsonb_build_object('status', 'active', 'role', v_inv.role));
  org_id := v_inv.org_id;
  role := v_inv.role;
end
$$;

create function roster_private.decline_claimed_invitation(v_inv roster.invitations) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := auth.uid();
begin
  update roster.invitations i set status = 'declined', declined_at = now() where i.id = v_inv.id;
  perform roster_private.write_audit(v_inv.org_id, 'invitation.declined', p_target_user_id => v_uid,
    p_target_email => v_inv.email::text, p_target_invitation_id => v_inv.id,
    p_before => pg_catalog.jsonb_build_object('status', 'pending'),
    p_after => pg_catalog.jsonb_build_object('status', 'declined'));
  -- a new user who declined their only invitation is not left without an organization
  perform roster_private.ensure_personal_org(v_uid);
end
$$;

create or replace function roster.accept_invitation(p_token text, out org_id uuid, out role roster.org_role)
language sql security definer set search_path = '' as $$
  select * from roster_private.accept_claimed_invitation(roster_private.claim_invitation(p_token))
$$;

create or replace function roster.decline_invitation(p_token text) returns void
language sql security definer set search_path = '' as $$
  select roster_private.decline_claimed_invitation(roster_private.claim_invitation(p_token))
$$;

create function roster.accept_invitation_by_id(p_invitation_id text, out org_id uuid, out role roster.org_role)
language sql security definer set search_path = '' as $$
  select * from roster_private.accept_claimed_invitation(
    roster_private.claim_invitation_id(roster_private.parse_uuid(p_invitation_id, 'p_invitation_id')))
$$;

create function roster.decline_invitation_by_id(p_invitation_id text) returns void
language sql security definer set search_path = '' as $$
  select roster_private.decline_claimed_invitation(
    roster_private.claim_invitation_id(roster_private.parse_uuid(p_invitation_id, 'p_invitation_id')))
$$;

-- Pending, unexpired invitations to live orgs addressed to the caller's CONFIRMED address (the
-- address in auth.users, not a claim in the JWT), for the org switcher and home page.
create function roster.my_invitations()
returns table (
  id uuid,
  org_id uuid,
  org_slug text,
  org_name text,
  role roster.org_role,
  invited_by_name text,
  created_at timestamptz,
  expires_at timestamptz
)
language sql stable security definer set search_path = '' as $$
  select i.id, i.org_id, o.slug::text, o.name, i.role, inviter.display_name, i.created_at, i.expires_at
  from auth.users u
  join roster.invitations i
    on i.email operator(extensions.=) pg_catalog.lower(u.email)::extensions.citext
   and i.status = 'pending' and i.expires_at > now()
  join roster.organizations o on o.id = i.org_id and o.deleted_at is null
  left join roster.profiles inviter on inviter.user_id = i.invited_by
  where u.id = (select auth.uid()) and u.email_confirmed_at is not null
  order by i.created_at desc
  limit 50
$$;

-- =============================================================================================
-- Audit events carry the names of actor and target as they were when the event happened
-- =============================================================================================
-- Readers without members.read (viewers, auditors) cannot see profiles, and a later rename must
-- not rewrite history, so the names are snapshotted at write time and hashed with the event.
alter table roster.audit_events add column actor_name text, add column target_name text;

-- Events written before the names existed hash exactly as before (no trailing names element).
create or replace function roster_private.audit_canonical(e roster.audit_events) returns text
language plpgsql immutable set search_path = '' as $$
begin
  return (pg_catalog.jsonb_build_array(
    e.id, e.org_id, (extract(epoch from e.occurred_at) * 1000000)::bigint,
    e.actor_kind, e.actor_id, e.actor_email, e.action,
    e.target_user_id, e.target_email, e.target_invitation_id, e.reason,
    e.before, e.after, e.ip::text, e.user_agent)
    || case when e.actor_name is null and e.target_name is null then '[]'::jsonb
       else pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_array(e.actor_name, e.target_name)) end)::text;
end
$$;

create or replace function roster_private.write_audit(
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
  v_actor_name text;
  v_target_email text := p_target_email;
  v_target_name text;
  v_id bigint;
begin
  if v_kind is null then
    v_actor_id := coalesce(v_actor_id, auth.uid());
    v_kind := case when v_actor_id is null then 'system' else 'user' end;
  end if;
  if v_kind = 'user' then
    select coalesce(v_actor_email, u.email), p.display_name into v_actor_email, v_actor_name
    from auth.users u left join roster.profiles p on p.user_id = u.id
    where u.id = v_actor_id;
  elsif v_kind = 'support' then
    v_actor_name := v_actor_email; -- the operator's name
  end if;
  if p_target_user_id is not null then
    select coalesce(v_target_email, p.email::text, u.email), p.display_name into v_target_email, v_target_name
    from auth.users u left join roster.profiles p on p.user_id = u.id
    where u.id = p_target_user_id;
  end if;
  -- serialize the org's chain before the identity value is drawn, so ids follow chain order
  perform 1 from roster.organizations o where o.id = p_org_id for update;
  insert into roster.audit_events (org_id, occurred_at, actor_kind, actor_id, actor_email, actor_name, action,
    target_user_id, target_email, target_name, target_invitation_id, reason, before, after, ip, user_agent, hash)
  values (p_org_id, coalesce(p_occurred_at, now()), v_kind, v_actor_id, v_actor_email, v_actor_name, p_action,
    p_target_user_id, v_target_email, v_target_name, p_target_invitation_id, p_reason, p_before, p_after,
    roster_private.request_ip(), roster_private.request_user_agent(), '\x'::bytea)
  returning id into v_id;
  return v_id;
end
$$;

-- Everyone who has acted in the org's log, with the newest name they acted under, for the audit
-- Actor filter: audit.read holders see every actor, not only those on the loaded page.
create function roster.audit_actors(p_org_id text)
returns table (actor_id uuid, name text)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
begin
  perform roster_private.actor_membership(v_org_id, 'audit.read', false);
  return query
  select a.actor_id, a.name from (
    select distinct on (e.actor_id) e.actor_id, coalesce(e.actor_name, e.actor_email, e.actor_id::text) as name
    from roster.audit_events e
    where e.org_id = v_org_id and e.actor_kind = 'user' and e.actor_id is not null
    order by e.actor_id, e.id desc
  ) a
  order by a.name
  limit 1000;
end
$$;

-- Support recovery records who the owner was and who it is now by name, so the event reads as a
-- sentence for every reader (before/after otherwise hold bare user ids).
create or replace function roster.support_restore_access(
  p_org_id text,
  p_email text,
  p_ticket text,
  p_operator text,
  out org_id uuid,
  out user_id uuid,
  out previous_owner_id uuid
)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_email text := roster_private.normalize_email(p_email);
  v_ticket text := roster_private.clean_text(p_ticket, 'Ticket', 200, true);
  v_operator text := roster_private.clean_text(p_operator, 'Operator', 200, true);
  v_uid uuid;
  v_owner roster.memberships;
  v_target roster.memberships;
  v_owner_name text;
  v_new_owner_name text;
begin
  if v_email is null then
    perform roster_private.fail('invalid_input', 'A valid email address is required.');
  end if;
  perform roster_private.lock_live_org(v_org_id);
  select u.id into v_uid from auth.users u where pg_catalog.lower(u.email) = v_email order by u.created_at limit 1;
  if not found then
    perform roster_private.fail('not_found', 'No user with that email address.');
  end if;
  select * into v_owner from roster.memberships m
  where m.org_id = v_org_id and m.role = 'owner' and m.status = 'active' for update;
  if found and v_owner.user_id = v_uid then
    perform roster_private.fail('invalid_input', 'This user is already the active owner.');
  end if;
  select * into v_target from roster.memberships m where m.org_id = v_org_id and m.user_id = v_uid for update;
  select p.display_name into v_owner_name from roster.profiles p where p.user_id = v_owner.user_id;
  select p.display_name into v_new_owner_name from roster.profiles p where p.user_id = v_uid;
  if v_owner.id is not null then
    update roster.memberships m set role = 'admin' where m.id = v_owner.id;
  end if;
  if v_target.id is not null then
    update roster.memberships m
    set role = 'owner', status = 'active', suspended_at = null, suspended_by = null, suspended_reason = null,
        removed_at = null, removed_by = null, removed_reason = null
    where m.id = v_target.id;
  else
    insert into roster.memberships (org_id, user_id, role, status, joined_at)
    values (v_org_id, v_uid, 'owner', 'active', now());
  end if;
  perform roster_private.write_audit(v_org_id, 'support.access_restored', p_target_user_id => v_uid,
    p_actor_kind => 'support', p_actor_email => v_operator, p_reason => 'Ticket ' || v_ticket,
    p_before => pg_catalog.jsonb_build_object('owner', v_owner.user_id, 'owner_name', v_owner_name,
      'target_role', v_target.role, 'target_status', v_target.status),
    p_after => pg_catalog.jsonb_build_object('owner', v_uid, 'owner_name', v_new_owner_name,
      'previous_owner_role', case when v_owner.id is not null then 'admin' end,
      'ticket', v_ticket, 'operator', v_operator));
  org_id := v_org_id;
  user_id := v_uid;
  previous_owner_id := v_owner.user_id;
end
$$;

-- =============================================================================================
-- Ownership transfer emails: which state was last mailed, and how delivery went
-- =============================================================================================
-- A transfer needs mail when its status is one people hear about (requested → the target;
-- accepted, declined, expired → the owner who asked) and differs from mailed_status. The
-- `ownership-transfers` function claims due mail right after a request/accept/decline, and a
-- sweep (the expiry timer locally; Supabase Cron on hosted projects) sends the rest, expiries
-- included, so a direct RPC call or a lost request still gets its email.
alter table roster.ownership_transfers
  add column mailed_status roster.transfer_status,
  add column delivery_status text not null default 'pending'
    constraint ownership_transfers_delivery_status check (delivery_status in ('pending', 'sent', 'failed')),
  add column delivery_error text,
  add column send_count integer not null default 0,
  add column last_sent_at timestamptz;
-- transfers that existed before mail was sent are not mailed now
update roster.ownership_transfers set mailed_status = status;
create index ownership_transfers_mail_due_idx on roster.ownership_transfers (requested_at)
  where status in ('pending', 'accepted', 'declined', 'expired') and mailed_status is distinct from status;

-- Marks due transfer mail as claimed (so two senders never mail twice) and returns what the
-- email needs. p_transfer_id null: every due transfer, oldest first, at most 100 per call.
create function roster.claim_transfer_emails(p_transfer_id text default null)
returns table (
  transfer_id uuid,
  status roster.transfer_status,
  org_name text,
  org_slug text,
  from_email text,
  from_name text,
  to_email text,
  to_name text,
  expires_at timestamptz
)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_id uuid := case when p_transfer_id is not null then roster_private.parse_uuid(p_transfer_id, 'p_transfer_id') end;
begin
  return query
  with due as (
    select t.id from roster.ownership_transfers t
    where (v_id is null or t.id = v_id)
      and t.status in ('pending', 'accepted', 'declined', 'expired')
      and t.mailed_status is distinct from t.status
      and not (t.status = 'pending' and t.expires_at <= now())
    order by t.requested_at
    limit 100
    for update skip locked
  ), claimed as (
    update roster.ownership_transfers t
    set mailed_status = t.status, delivery_status = 'pending', delivery_error = null
    from due where t.id = due.id
    returning t.*
  )
  select c.id, c.status, o.name, o.slug::text, fu.email::text, fu.display_name, tu.email::text, tu.display_name, c.expires_at
  from claimed c
  join roster.organizations o on o.id = c.org_id and o.deleted_at is null
  left join roster.profiles fu on fu.user_id = c.from_user_id
  left join roster.profiles tu on tu.user_id = c.to_user_id;
end
$$;

-- Delivery bookkeeping for the ownership-transfers function (not a membership state change).
create function roster.mark_transfer_delivery(p_transfer_id text, p_status text, p_error text default null)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := roster_private.parse_uuid(p_transfer_id, 'p_transfer_id');
begin
  if p_status is null or p_status not in ('sent', 'failed') then
    perform roster_private.fail('invalid_input', 'Status must be sent or failed.');
  end if;
  update roster.ownership_transfers t
  set delivery_status = p_status,
      delivery_error = case when p_status = 'failed' then pg_catalog.left(coalesce(p_error, 'unknown error'), 1000) end,
      send_count = t.send_count + case when p_status = 'sent' then 1 else 0 end,
      last_sent_at = case when p_status = 'sent' then now() else t.last_sent_at end
  where t.id = v_id;
  if not found then
    perform roster_private.fail('not_found', 'Ownership transfer not found.');
  end if;
end
$$;

-- =============================================================================================
-- Privileges
-- =============================================================================================
revoke all on function roster.my_access(), roster.get_organization_settings(text), roster.accept_invitation_by_id(text),
  roster.decline_invitation_by_id(text), roster.my_invitations(), roster.audit_actors(text),
  roster.claim_transfer_emails(text), roster.mark_transfer_delivery(text, text, text) from public, anon, authenticated;
revoke all on function roster_private.claim_invitation_id(uuid, bytea), roster_private.accept_claimed_invitation(roster.invitations),
  roster_private.decline_claimed_invitation(roster.invitations) from public, anon, authenticated;
grant execute on function roster.my_access(), roster.get_organization_settings(text), roster.accept_invitation_by_id(text),
  roster.decline_invitation_by_id(text), roster.my_invitations(), roster.audit_actors(text) to authenticated;
grant execute on function roster.claim_transfer_emails(text), roster.mark_transfer_delivery(text, text, text) to service_role;
