-- The write surface (DESIGN.md §5). Every function is SECURITY DEFINER with search_path '',
-- validates its text arguments itself (ids arrive as text so a malformed uuid gets a stable
-- hint instead of a cast error), locks the organization row before checking invariants that
-- depend on other rows, and writes exactly one audit event per state change.
-- EXECUTE grants are in 20261123000500_access.sql.

-- =============================================================================================
-- Organizations
-- =============================================================================================
create function roster.create_organization(
  p_name text,
  p_slug text default null,
  p_legal_name text default null,
  p_description text default null
) returns roster.organizations
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := roster_private.require_user();
  v_name text := roster_private.clean_text(p_name, 'Name', 200, true);
  v_legal text := roster_private.clean_text(p_legal_name, 'Legal name', 200);
  v_desc text := roster_private.clean_text(p_description, 'Description', 2000);
  v_slug text := roster_private.clean_text(p_slug, 'Slug', 63);
begin
  -- serialize per user with personal-org creation
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('roster.personal_org:' || v_uid::text, 0));
  return roster_private.create_org_core(v_uid, v_name, v_slug, v_legal, v_desc, false);
end
$$;

create function roster.update_organization(
  p_org_id text,
  p_name text default null,
  p_legal_name text default null,
  p_description text default null,
  p_invitation_lifetime_hours integer default null
) returns roster.organizations
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_name text;
  v_legal text := roster_private.clean_text(p_legal_name, 'Legal name', 200);
  v_desc text := roster_private.clean_text(p_description, 'Description', 2000);
  v_org roster.organizations;
  v_new roster.organizations;
  v_before jsonb := '{}';
  v_after jsonb := '{}';
begin
  if p_name is not null then
    v_name := roster_private.clean_text(p_name, 'Name', 200, true);
  end if;
  if p_invitation_lifetime_hours is not null and p_invitation_lifetime_hours not between 1 and 720 then
    perform roster_private.fail('invalid_input', 'Invitation lifetime must be between 1 and 720 hours.');
  end if;
  perform roster_private.actor_membership(v_org_id, 'settings.write');
  select * into v_org from roster.organizations o where o.id = v_org_id;

  v_new := v_org;
  if v_name is not null then v_new.name := v_name; end if;
  -- for the optional texts: null = unchanged, empty/blank string = clear
  if p_legal_name is not null then v_new.legal_name := v_legal; end if;
  if p_description is not null then v_new.description := v_desc; end if;
  if p_invitation_lifetime_hours is not null then v_new.invitation_lifetime_hours := p_invitation_lifetime_hours; end if;

  if v_new.name is distinct from v_org.name then
    v_before := v_before || pg_catalog.jsonb_build_object('name', v_org.name);
    v_after := v_after || pg_catalog.jsonb_build_object('name', v_new.name);
  end if;
  if v_new.legal_name is distinct from v_org.legal_name then
    v_before := v_before || pg_catalog.jsonb_build_object('legal_name', v_org.legal_name);
    v_after := v_after || pg_catalog.jsonb_build_object('legal_name', v_new.legal_name);
  end if;
  if v_new.description is distinct from v_org.description then
    v_before := v_before || pg_catalog.jsonb_build_object('description', v_org.description);
    v_after := v_after || pg_catalog.jsonb_build_object('description', v_new.description);
  end if;
  if v_new.invitation_lifetime_hours is distinct from v_org.invitation_lifetime_hours then
    v_before := v_before || pg_catalog.jsonb_build_object('invitation_lifetime_hours', v_org.invitation_lifetime_hours);
    v_after := v_after || pg_catalog.jsonb_build_object('invitation_lifetime_hours', v_new.invitation_lifetime_hours);
  end if;

  if v_after = '{}'::jsonb then
    return v_org; -- nothing changed: no state change, no event
  end if;

  update roster.organizations o
  set name = v_new.name, legal_name = v_new.legal_name, description = v_new.description,
      invitation_lifetime_hours = v_new.invitation_lifetime_hours
  where o.id = v_org_id
  returning * into v_new;
  perform roster_private.write_audit(v_org_id, 'org.updated', p_before => v_before, p_after => v_after);
  return v_new;
end
$$;

create function roster.delete_organization(p_org_id text, p_confirm_name text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_uid uuid;
  v_org roster.organizations;
  v_invitations integer;
  v_transfers integer;
begin
  perform roster_private.actor_membership(v_org_id, 'org.delete');
  v_uid := auth.uid();
  select * into v_org from roster.organizations o where o.id = v_org_id;
  if p_confirm_name is null or pg_catalog.btrim(p_confirm_name) <> v_org.name then
    perform roster_private.fail('confirmation_mismatch', 'Type the organization name exactly to confirm.');
  end if;

  update roster.invitations i set status = 'revoked', revoked_at = now(), revoked_by = v_uid
  where i.org_id = v_org_id and i.status = 'pending';
  get diagnostics v_invitations = row_count;
  update roster.ownership_transfers t set status = 'cancelled', resolved_at = now(), resolved_by = v_uid
  where t.org_id = v_org_id and t.status = 'pending';
  get diagnostics v_transfers = row_count;

  perform roster_private.write_audit(v_org_id, 'org.deleted',
    p_before => pg_catalog.jsonb_build_object('name', v_org.name, 'slug', v_org.slug),
    p_after => pg_catalog.jsonb_build_object('deleted', true, 'pending_invitations_revoked', v_invitations,
      'pending_transfers_cancelled', v_transfers));
  update roster.organizations o set deleted_at = now() where o.id = v_org_id;
end
$$;

-- =============================================================================================
-- Invitations
-- =============================================================================================
create function roster.create_invitations(
  p_org_id text,
  p_emails text[],
  p_role text,
  p_message text default null
) returns table (email text, invitation_id uuid, token text, status text, expires_at timestamptz)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_role roster.org_role := roster_private.parse_role(p_role);
  v_message text := roster_private.clean_text(p_message, 'Message', 1000);
  v_emails text[] := '{}';
  v_raw text;
  v_email text;
  v_actor roster.memberships;
  v_org roster.organizations;
  v_seen text[] := '{}';
  v_existing roster.invitations;
  v_token text;
  v_id uuid;
  v_expires timestamptz;
  v_created integer := 0;
  v_first_refusal text;
begin
  if p_emails is null or pg_catalog.cardinality(p_emails) = 0 then
    perform roster_private.fail('invalid_input', 'At least one email address is required.');
  end if;
  if pg_catalog.cardinality(p_emails) > 50 then
    perform roster_private.fail('invalid_input', 'At most 50 email addresses per call.');
  end if;
  foreach v_raw in array p_emails loop
    v_email := roster_private.normalize_email(v_raw);
    if v_email is null then
      perform roster_private.fail('invalid_input',
        format('Not a valid email address: %s', coalesce(pg_catalog.left(v_raw, 100), '(empty)')));
    end if;
    v_emails := v_emails || v_email;
  end loop;

  v_actor := roster_private.actor_membership(v_org_id, 'members.invite');
  if v_role = 'owner' then
    perform roster_private.fail('owner_via_transfer_only', 'Nobody can be invited as owner; transfer ownership instead.');
  end if;
  if roster_private.role_rank(v_role) >= roster_private.role_rank(v_actor.role) then
    perform roster_private.fail('role_too_high', format('Your role (%s) can only invite roles ranked below it.', v_actor.role));
  end if;
  select * into v_org from roster.organizations o where o.id = v_org_id;

  foreach v_email in array v_emails loop
    email := v_email;
    invitation_id := null;
    token := null;
    expires_at := null;
    if v_email = any (v_seen) then
      status := 'duplicate';
    elsif exists (
      select 1 from roster.memberships m join roster.profiles p on p.user_id = m.user_id
      where m.org_id = v_org_id and m.status in ('active', 'suspended')
        and p.email operator(extensions.=) v_email::extensions.citext
    ) then
      status := 'already_member';
      v_first_refusal := coalesce(v_first_refusal, 'already_member');
    else
      select * into v_existing from roster.invitations i
      where i.org_id = v_org_id and i.status = 'pending' and i.email operator(extensions.=) v_email::extensions.citext
      for update;
      if found and v_existing.expires_at > now() then
        status := 'already_invited';
        invitation_id := v_existing.id;
        expires_at := v_existing.expires_at;
        v_first_refusal := coalesce(v_first_refusal, 'already_invited');
      else
        if found then
          -- a pending invitation past its expiry: record the expiry, then invite again
          update roster.invitations i set status = 'expired' where i.id = v_existing.id;
          perform roster_private.write_audit(v_org_id, 'invitation.expired', p_target_email => v_existing.email::text,
            p_target_invitation_id => v_existing.id, p_actor_kind => 'system',
            p_before => pg_catalog.jsonb_build_object('status', 'pending'),
            p_after => pg_catalog.jsonb_build_object('status', 'expired'));
        end if;
        v_token := roster_private.new_token();
        v_expires := now() + pg_catalog.make_interval(hours => v_org.invitation_lifetime_hours);
        insert into roster.invitations (org_id, email, role, token_hash, invited_by, message, expires_at)
        values (v_org_id, v_email, v_role, roster_private.hash_token(v_token), v_actor.user_id, v_message, v_expires)
        returning id into v_id;
        perform roster_private.write_audit(v_org_id, 'invitation.created', p_target_email => v_email,
          p_target_invitation_id => v_id,
          p_after => pg_catalog.jsonb_build_object('email', v_email, 'role', v_role, 'expires_at', v_expires));
        status := 'created';
        invitation_id := v_id;
        token := v_token;
        expires_at := v_expires;
        v_created := v_created + 1;
      end if;
    end if;
    v_seen := v_seen || v_email;
    return next;
  end loop;

  -- nothing could be created: say why instead of returning a no-op
  if v_created = 0 then
    if v_first_refusal = 'already_member' then
      perform roster_private.fail('already_member', 'This person is already a member of the organization.');
    else
      perform roster_private.fail('invitation_pending', 'A pending invitation already exists for this email address.');
    end if;
  end if;
end
$$;

create function roster.resend_invitation(
  p_invitation_id text,
  out invitation_id uuid,
  out token text,
  out expires_at timestamptz
)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_id uuid := roster_private.parse_uuid(p_invitation_id, 'p_invitation_id');
  v_org_id uuid;
  v_actor roster.memberships;
  v_inv roster.invitations;
  v_org roster.organizations;
begin
  select i.org_id into v_org_id from roster.invitations i where i.id = v_id;
  if not found then
    perform roster_private.fail('not_found', 'Invitation not found.');
  end if;
  v_actor := roster_private.actor_membership(v_org_id, 'members.invite');
  select * into v_inv from roster.invitations i where i.id = v_id for update;
  if v_inv.status <> 'pending' then
    perform roster_private.assert_invitation_open(v_inv);
  end if;
  if roster_private.role_rank(v_inv.role) >= roster_private.role_rank(v_actor.role) then
    perform roster_private.fail('role_too_high', format('Your role (%s) cannot manage an invitation for the %s role.', v_actor.role, v_inv.role));
  end if;
  select * into v_org from roster.organizations o where o.id = v_org_id;

  token := roster_private.new_token();
  expires_at := now() + pg_catalog.make_interval(hours => v_org.invitation_lifetime_hours);
  update roster.invitations i
  set token_hash = roster_private.hash_token(token), expires_at = now() + pg_catalog.make_interval(hours => v_org.invitation_lifetime_hours),
      delivery_status = 'pending', delivery_error = null
  where i.id = v_id;
  invitation_id := v_id;
  perform roster_private.write_audit(v_org_id, 'invitation.resent', p_target_email => v_inv.email::text,
    p_target_invitation_id => v_id,
    p_before => pg_catalog.jsonb_build_object('expires_at', v_inv.expires_at),
    p_after => pg_catalog.jsonb_build_object('expires_at', expires_at));
end
$$;

create function roster.revoke_invitation(p_invitation_id text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := roster_private.parse_uuid(p_invitation_id, 'p_invitation_id');
  v_org_id uuid;
  v_actor roster.memberships;
  v_inv roster.invitations;
begin
  select i.org_id into v_org_id from roster.invitations i where i.id = v_id;
  if not found then
    perform roster_private.fail('not_found', 'Invitation not found.');
  end if;
  v_actor := roster_private.actor_membership(v_org_id, 'members.invite');
  select * into v_inv from roster.invitations i where i.id = v_id for update;
  if v_inv.status <> 'pending' then
    perform roster_private.assert_invitation_open(v_inv);
  end if;
  if roster_private.role_rank(v_inv.role) >= roster_private.role_rank(v_actor.role) then
    perform roster_private.fail('role_too_high', format('Your role (%s) cannot manage an invitation for the %s role.', v_actor.role, v_inv.role));
  end if;
  update roster.invitations i set status = 'revoked', revoked_at = now(), revoked_by = v_actor.user_id where i.id = v_id;
  perform roster_private.write_audit(v_org_id, 'invitation.revoked', p_target_email => v_inv.email::text,
    p_target_invitation_id => v_id,
    p_before => pg_catalog.jsonb_build_object('status', 'pending', 'role', v_inv.role),
    p_after => pg_catalog.jsonb_build_object('status', 'revoked'));
end
$$;

-- Shared by accept/decline: resolves the token, locks org then invitation, checks it is open
-- and addressed to the caller's confirmed email.
create function roster_private.claim_invitation(p_token text) returns roster.invitations
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := roster_private.require_user();
  v_hash bytea := roster_private.token_hash_or_null(p_token);
  v_org_id uuid;
  v_inv roster.invitations;
  v_email text;
  v_confirmed timestamptz;
begin
  if v_hash is null then
    perform roster_private.fail('invalid_token', 'This invitation link is not valid.');
  end if;
  select i.org_id into v_org_id from roster.invitations i where i.token_hash = v_hash;
  if not found then
    perform roster_private.fail('invalid_token', 'This invitation link is not valid.');
  end if;
  if not exists (select 1 from roster.organizations o where o.id = v_org_id and o.deleted_at is null) then
    perform roster_private.fail('invalid_token', 'This invitation link is not valid.');
  end if;
  perform roster_private.lock_live_org(v_org_id);
  -- re-read under the org lock: a concurrent accept/revoke/resend has finished by now
  select * into v_inv from roster.invitations i where i.token_hash = v_hash for update;
  if not found then
    perform roster_private.fail('invalid_token', 'This invitation link is not valid.');
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

create function roster.accept_invitation(p_token text, out org_id uuid, out role roster.org_role)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_inv roster.invitations := roster_private.claim_invitation(p_token);
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

create function roster.decline_invitation(p_token text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_inv roster.invitations := roster_private.claim_invitation(p_token);
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

-- =============================================================================================
-- Members
-- =============================================================================================
create function roster.change_member_role(p_org_id text, p_user_id text, p_role text, p_reason text)
returns roster.memberships
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_user_id uuid := roster_private.parse_uuid(p_user_id, 'p_user_id');
  v_role roster.org_role := roster_private.parse_role(p_role);
  v_reason text := roster_private.require_reason(p_reason);
  v_actor roster.memberships;
  v_t roster.memberships;
  v_old_role roster.org_role;
begin
  v_actor := roster_private.actor_membership(v_org_id, 'members.manage');
  if v_user_id = v_actor.user_id then
    perform roster_private.fail('cannot_act_on_self', 'You cannot change your own role.');
  end if;
  if v_role = 'owner' then
    perform roster_private.fail('owner_via_transfer_only', 'The owner role is only reached through an ownership transfer.');
  end if;
  v_t := roster_private.managed_target(v_org_id, v_actor, v_user_id);
  if roster_private.role_rank(v_role) >= roster_private.role_rank(v_actor.role) then
    perform roster_private.fail('role_too_high', format('Your role (%s) can only assign roles ranked below it.', v_actor.role));
  end if;
  if v_role = v_t.role then
    perform roster_private.fail('invalid_input', format('This member already has the %s role.', v_role));
  end if;
  v_old_role := v_t.role;
  update roster.memberships m set role = v_role where m.id = v_t.id returning * into v_t;
  perform roster_private.write_audit(v_org_id, 'member.role_changed', p_target_user_id => v_user_id, p_reason => v_reason,
    p_before => pg_catalog.jsonb_build_object('role', v_old_role),
    p_after => pg_catalog.jsonb_build_object('role', v_role));
  return v_t;
end
$$;

create function roster.suspend_member(p_org_id text, p_user_id text, p_reason text)
returns roster.memberships
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_user_id uuid := roster_private.parse_uuid(p_user_id, 'p_user_id');
  v_reason text := roster_private.require_reason(p_reason);
  v_actor roster.memberships;
  v_t roster.memberships;
begin
  v_actor := roster_private.actor_membership(v_org_id, 'members.manage');
  v_t := roster_private.managed_target(v_org_id, v_actor, v_user_id);
  if v_t.status = 'suspended' then
    perform roster_private.fail('invalid_input', 'This member is already suspended.');
  end if;
  update roster.memberships m
  set status = 'suspended', suspended_at = now(), suspended_by = v_actor.user_id, suspended_reason = v_reason
  where m.id = v_t.id returning * into v_t;
  perform roster_private.write_audit(v_org_id, 'member.suspended', p_target_user_id => v_user_id, p_reason => v_reason,
    p_before => pg_catalog.jsonb_build_object('status', 'active', 'role', v_t.role),
    p_after => pg_catalog.jsonb_build_object('status', 'suspended', 'role', v_t.role));
  return v_t;
end
$$;

create function roster.reactivate_member(p_org_id text, p_user_id text, p_reason text)
returns roster.memberships
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_user_id uuid := roster_private.parse_uuid(p_user_id, 'p_user_id');
  v_reason text := roster_private.require_reason(p_reason);
  v_actor roster.memberships;
  v_t roster.memberships;
begin
  v_actor := roster_private.actor_membership(v_org_id, 'members.manage');
  v_t := roster_private.managed_target(v_org_id, v_actor, v_user_id);
  if v_t.status <> 'suspended' then
    perform roster_private.fail('invalid_input', 'Only a suspended member can be reactivated.');
  end if;
  update roster.memberships m
  set status = 'active', suspended_at = null, suspended_by = null, suspended_reason = null
  where m.id = v_t.id returning * into v_t;
  perform roster_private.write_audit(v_org_id, 'member.reactivated', p_target_user_id => v_user_id, p_reason => v_reason,
    p_before => pg_catalog.jsonb_build_object('status', 'suspended', 'role', v_t.role),
    p_after => pg_catalog.jsonb_build_object('status', 'active', 'role', v_t.role));
  return v_t;
end
$$;

create function roster.remove_member(p_org_id text, p_user_id text, p_reason text)
returns roster.memberships
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_user_id uuid := roster_private.parse_uuid(p_user_id, 'p_user_id');
  v_reason text := roster_private.require_reason(p_reason);
  v_actor roster.memberships;
  v_t roster.memberships;
  v_before_status roster.membership_status;
begin
  v_actor := roster_private.actor_membership(v_org_id, 'members.manage');
  v_t := roster_private.managed_target(v_org_id, v_actor, v_user_id);
  v_before_status := v_t.status;
  update roster.memberships m
  set status = 'removed', removed_at = now(), removed_by = v_actor.user_id, removed_reason = v_reason
  where m.id = v_t.id returning * into v_t;
  perform roster_private.write_audit(v_org_id, 'member.removed', p_target_user_id => v_user_id, p_reason => v_reason,
    p_before => pg_catalog.jsonb_build_object('status', v_before_status, 'role', v_t.role),
    p_after => pg_catalog.jsonb_build_object('status', 'removed', 'role', v_t.role));
  return v_t;
end
$$;

-- Returns the id of the personal organization created for the caller, or null.
create function roster.leave_organization(p_org_id text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_actor roster.memberships;
begin
  v_actor := roster_private.actor_membership(v_org_id, null);
  if v_actor.role = 'owner' then
    perform roster_private.fail('last_owner', 'The owner cannot leave; transfer ownership or delete the organization first.');
  end if;
  update roster.memberships m
  set status = 'removed', removed_at = now(), removed_by = v_actor.user_id, removed_reason = null
  where m.id = v_actor.id;
  perform roster_private.write_audit(v_org_id, 'member.left', p_target_user_id => v_actor.user_id,
    p_before => pg_catalog.jsonb_build_object('status', 'active', 'role', v_actor.role),
    p_after => pg_catalog.jsonb_build_object('status', 'removed', 'role', v_actor.role));
  return roster_private.ensure_personal_org(v_actor.user_id);
end
$$;

-- Last-active heartbeat: writes at most once a minute per member, never audited.
create function roster.touch_membership(p_org_id text) returns timestamptz
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_uid uuid := roster_private.require_user();
  v_at timestamptz;
begin
  update roster.memberships m set last_active_at = now()
  where m.org_id = v_org_id and m.user_id = v_uid and m.status = 'active'
    and (m.last_active_at is null or m.last_active_at < now() - interval '1 minute')
    and exists (select 1 from roster.organizations o where o.id = v_org_id and o.deleted_at is null)
  returning m.last_active_at into v_at;
  if found then
    return v_at;
  end if;
  select m.last_active_at into v_at from roster.memberships m
  join roster.organizations o on o.id = m.org_id and o.deleted_at is null
  where m.org_id = v_org_id and m.user_id = v_uid and m.status = 'active';
  if not found then
    perform roster_private.fail('not_found', 'Organization not found.');
  end if;
  return v_at;
end
$$;

-- =============================================================================================
-- Ownership transfer
-- =============================================================================================
create function roster.request_ownership_transfer(p_org_id text, p_to_user_id text, p_confirm_name text)
returns roster.ownership_transfers
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_to uuid := roster_private.parse_uuid(p_to_user_id, 'p_to_user_id');
  v_actor roster.memberships;
  v_org roster.organizations;
  v_pending roster.ownership_transfers;
  v_t roster.ownership_transfers;
begin
  v_actor := roster_private.actor_membership(v_org_id, 'ownership.transfer');
  if v_actor.role <> 'owner' then
    perform roster_private.fail('forbidden', 'Only the owner can transfer ownership.');
  end if;
  if v_to = v_actor.user_id then
    perform roster_private.fail('cannot_act_on_self', 'You already own this organization.');
  end if;
  if not exists (select 1 from roster.memberships m where m.org_id = v_org_id and m.user_id = v_to and m.status = 'active') then
    perform roster_private.fail('not_found', 'The new owner must be an active member of the organization.');
  end if;
  select * into v_org from roster.organizations o where o.id = v_org_id;
  if p_confirm_name is null or pg_catalog.btrim(p_confirm_name) <> v_org.name then
    perform roster_private.fail('confirmation_mismatch', 'Type the organization name exactly to confirm.');
  end if;

  select * into v_pending from roster.ownership_transfers t where t.org_id = v_org_id and t.status = 'pending' for update;
  if found then
    if v_pending.expires_at <= now() then
      update roster.ownership_transfers t set status = 'expired', resolved_at = now() where t.id = v_pending.id;
      perform roster_private.write_audit(v_org_id, 'ownership.transfer_expired', p_target_user_id => v_pending.to_user_id,
        p_actor_kind => 'system', p_before => pg_catalog.jsonb_build_object('transfer_id', v_pending.id, 'status', 'pending'),
        p_after => pg_catalog.jsonb_build_object('transfer_id', v_pending.id, 'status', 'expired'));
    elsif v_pending.from_user_id <> v_actor.user_id or not exists (
      select 1 from roster.memberships m where m.org_id = v_org_id and m.user_id = v_pending.to_user_id and m.status = 'active'
    ) then
      -- stale: requested by a previous owner, or its recipient is no longer an active member
      update roster.ownership_transfers t set status = 'cancelled', resolved_at = now() where t.id = v_pending.id;
      perform roster_private.write_audit(v_org_id, 'ownership.transfer_cancelled', p_target_user_id => v_pending.to_user_id,
        p_actor_kind => 'system', p_reason => 'Superseded: the request can no longer be accepted.',
        p_before => pg_catalog.jsonb_build_object('transfer_id', v_pending.id, 'status', 'pending'),
        p_after => pg_catalog.jsonb_build_object('transfer_id', v_pending.id, 'status', 'cancelled'));
    else
      perform roster_private.fail('transfer_pending', 'An ownership transfer is already pending; cancel it first.');
    end if;
  end if;

  insert into roster.ownership_transfers (org_id, from_user_id, to_user_id, expires_at)
  values (v_org_id, v_actor.user_id, v_to, now() + interval '48 hours')
  returning * into v_t;
  perform roster_private.write_audit(v_org_id, 'ownership.transfer_requested', p_target_user_id => v_to,
    p_after => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'status', 'pending', 'expires_at', v_t.expires_at));
  return v_t;
end
$$;

-- Resolves a transfer id for the caller: not_found unless the caller is involved or can read
-- members of that org; locks org then transfer and checks it is still pending and unexpired.
create function roster_private.lock_transfer(p_transfer_id text) returns roster.ownership_transfers
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := roster_private.parse_uuid(p_transfer_id, 'p_transfer_id');
  v_uid uuid := roster_private.require_user();
  v_t roster.ownership_transfers;
begin
  select * into v_t from roster.ownership_transfers t where t.id = v_id;
  if not found or not (
    v_uid in (v_t.from_user_id, v_t.to_user_id)
    or v_t.org_id in (select roster_private.org_ids_with('members.read'))
  ) then
    perform roster_private.fail('not_found', 'Ownership transfer not found.');
  end if;
  perform roster_private.lock_live_org(v_t.org_id);
  select * into v_t from roster.ownership_transfers t where t.id = v_id for update;
  if v_t.status <> 'pending' then
    perform roster_private.fail('transfer_closed', format('This ownership transfer was already %s.', v_t.status));
  end if;
  if v_t.expires_at <= now() then
    perform roster_private.fail('transfer_expired', 'This ownership transfer has expired.');
  end if;
  return v_t;
end
$$;

create function roster.accept_ownership_transfer(p_transfer_id text) returns roster.ownership_transfers
language plpgsql security definer set search_path = '' as $$
declare
  v_t roster.ownership_transfers := roster_private.lock_transfer(p_transfer_id);
  v_uid uuid := auth.uid();
  v_to roster.memberships;
  v_from roster.memberships;
begin
  if v_uid <> v_t.to_user_id then
    perform roster_private.fail('forbidden', 'Only the person asked to become owner can accept.');
  end if;
  select * into v_to from roster.memberships m
  where m.org_id = v_t.org_id and m.user_id = v_uid and m.status = 'active' for update;
  if not found then
    perform roster_private.fail('not_found', 'Organization not found.');
  end if;
  select * into v_from from roster.memberships m
  where m.org_id = v_t.org_id and m.role = 'owner' and m.status = 'active' for update;
  if not found or v_from.user_id <> v_t.from_user_id then
    perform roster_private.fail('transfer_closed', 'The person who requested this transfer is no longer the owner.');
  end if;
  -- demote first: at most one active owner at any statement boundary
  update roster.memberships m set role = 'admin' where m.id = v_from.id;
  update roster.memberships m set role = 'owner' where m.id = v_to.id;
  update roster.ownership_transfers t set status = 'accepted', resolved_at = now(), resolved_by = v_uid
  where t.id = v_t.id returning * into v_t;
  perform roster_private.write_audit(v_t.org_id, 'ownership.transfer_accepted', p_target_user_id => v_uid,
    p_before => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'owner', v_from.user_id, 'new_owner_role', v_to.role),
    p_after => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'owner', v_uid, 'previous_owner_role', 'admin'));
  return v_t;
end
$$;

create function roster.decline_ownership_transfer(p_transfer_id text) returns roster.ownership_transfers
language plpgsql security definer set search_path = '' as $$
declare
  v_t roster.ownership_transfers := roster_private.lock_transfer(p_transfer_id);
  v_uid uuid := auth.uid();
begin
  if v_uid <> v_t.to_user_id then
    perform roster_private.fail('forbidden', 'Only the person asked to become owner can decline.');
  end if;
  update roster.ownership_transfers t set status = 'declined', resolved_at = now(), resolved_by = v_uid
  where t.id = v_t.id returning * into v_t;
  perform roster_private.write_audit(v_t.org_id, 'ownership.transfer_declined', p_target_user_id => v_t.to_user_id,
    p_before => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'status', 'pending'),
    p_after => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'status', 'declined'));
  return v_t;
end
$$;

create function roster.cancel_ownership_transfer(p_transfer_id text) returns roster.ownership_transfers
language plpgsql security definer set search_path = '' as $$
declare
  v_t roster.ownership_transfers := roster_private.lock_transfer(p_transfer_id);
  v_uid uuid := auth.uid();
begin
  -- the requester, or whoever is the active owner now
  if v_uid <> v_t.from_user_id and not exists (
    select 1 from roster.memberships m
    where m.org_id = v_t.org_id and m.user_id = v_uid and m.role = 'owner' and m.status = 'active'
  ) then
    perform roster_private.fail('forbidden', 'Only the owner can cancel an ownership transfer.');
  end if;
  update roster.ownership_transfers t set status = 'cancelled', resolved_at = now(), resolved_by = v_uid
  where t.id = v_t.id returning * into v_t;
  perform roster_private.write_audit(v_t.org_id, 'ownership.transfer_cancelled', p_target_user_id => v_t.to_user_id,
    p_before => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'status', 'pending'),
    p_after => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'status', 'cancelled'));
  return v_t;
end
$$;

-- =============================================================================================
-- Permission matrix
-- =============================================================================================
-- Replaces the role's permission set; returns the resulting keys (sorted).
create function roster.set_role_permissions(p_org_id text, p_role text, p_permissions text[]) returns text[]
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_role roster.org_role := roster_private.parse_role(p_role);
  v_actor roster.memberships;
  v_keys text[];
  v_before text[];
  v_key text;
begin
  if p_permissions is null then
    perform roster_private.fail('invalid_input', 'p_permissions is required (use an empty array to grant nothing).');
  end if;
  if pg_catalog.cardinality(p_permissions) > 200 then
    perform roster_private.fail('invalid_input', 'Too many permission keys.');
  end if;
  foreach v_key in array p_permissions loop
    if v_key is null or not exists (select 1 from roster.permissions p where p.key = v_key) then
      perform roster_private.fail('invalid_input', format('Unknown permission: %s', coalesce(pg_catalog.left(v_key, 100), '(null)')));
    end if;
  end loop;
  v_actor := roster_private.actor_membership(v_org_id, 'permissions.manage');
  if v_role = 'owner' or roster_private.role_rank(v_role) >= roster_private.role_rank(v_actor.role) then
    perform roster_private.fail('role_too_high', format('The %s role''s permissions cannot be edited.', v_role));
  end if;
  select coalesce(pg_catalog.array_agg(p.key order by p.key), '{}') into v_keys
  from roster.permissions p where p.key = any (p_permissions);
  select v.key into v_key from roster.permissions v where v.key = any (v_keys) and v.owner_only order by v.key limit 1;
  if found then
    perform roster_private.fail('forbidden', format('%s is reserved for the owner and cannot be granted to other roles.', v_key));
  end if;
  select coalesce(pg_catalog.array_agg(rp.permission order by rp.permission), '{}') into v_before
  from roster.role_permissions rp where rp.org_id = v_org_id and rp.role = v_role;
  if v_before = v_keys then
    return v_keys; -- already exactly this set: no state change, no event
  end if;
  delete from roster.role_permissions rp
  where rp.org_id = v_org_id and rp.role = v_role and rp.permission <> all (v_keys);
  insert into roster.role_permissions (org_id, role, permission)
  select v_org_id, v_role, k from pg_catalog.unnest(v_keys) k
  on conflict do nothing;
  perform roster_private.write_audit(v_org_id, 'permissions.updated',
    p_before => pg_catalog.jsonb_build_object('role', v_role, 'permissions', pg_catalog.to_jsonb(v_before)),
    p_after => pg_catalog.jsonb_build_object('role', v_role, 'permissions', pg_catalog.to_jsonb(v_keys),
      'granted', (select coalesce(pg_catalog.jsonb_agg(k order by k), '[]') from pg_catalog.unnest(v_keys) k where k <> all (v_before)),
      'revoked', (select coalesce(pg_catalog.jsonb_agg(k order by k), '[]') from pg_catalog.unnest(v_before) k where k <> all (v_keys))));
  return v_keys;
end
$$;

-- =============================================================================================
-- Audit
-- =============================================================================================
create function roster.verify_audit_chain(
  p_org_id text,
  out ok boolean,
  out checked bigint,
  out first_broken_id bigint
)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
begin
  perform roster_private.actor_membership(v_org_id, 'audit.read', false);
  select count(*), min(c.id) filter (where not c.link_ok or not c.hash_ok)
    into checked, first_broken_id
  from (
    select e.id,
      e.prev_hash is not distinct from pg_catalog.lag(e.hash) over (order by e.id) as link_ok,
      e.hash = roster_private.audit_event_hash(e.prev_hash, e) as hash_ok
    from roster.audit_events e
    where e.org_id = v_org_id
  ) c;
  -- A chain that is intact but ends before the recorded head lost its newest events.
  if first_broken_id is null then
    select h.last_event_id into first_broken_id
    from roster_private.audit_chain_heads h
    left join lateral (
      select e.id, e.hash from roster.audit_events e where e.org_id = v_org_id order by e.id desc limit 1
    ) newest on true
    where h.org_id = v_org_id
      and (newest.id is distinct from h.last_event_id or newest.hash is distinct from h.last_hash);
  end if;
  ok := first_broken_id is null;
end
$$;

-- The audit-export edge function records each export (DESIGN.md: "itself audited").
create function roster.record_audit_export(
  p_org_id text,
  p_format text,
  p_filters jsonb default null,
  p_row_count bigint default null
) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
begin
  if p_format is null or p_format not in ('csv', 'jsonl') then
    perform roster_private.fail('invalid_input', 'Format must be csv or jsonl.');
  end if;
  if p_filters is not null and (pg_catalog.jsonb_typeof(p_filters) <> 'object' or pg_catalog.octet_length(p_filters::text) > 4000) then
    perform roster_private.fail('invalid_input', 'Filters must be a JSON object of at most 4000 bytes.');
  end if;
  if p_row_count is not null and p_row_count < 0 then
    perform roster_private.fail('invalid_input', 'Row count cannot be negative.');
  end if;
  perform roster_private.actor_membership(v_org_id, 'audit.export');
  return roster_private.write_audit(v_org_id, 'audit.exported',
    p_after => pg_catalog.jsonb_build_object('format', p_format, 'filters', p_filters, 'row_count', p_row_count));
end
$$;

-- =============================================================================================
-- Profile
-- =============================================================================================
create function roster.update_profile(p_display_name text) returns roster.profiles
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := roster_private.require_user();
  v_name text := roster_private.clean_text(p_display_name, 'Display name', 200, true);
  v_p roster.profiles;
begin
  update roster.profiles p set display_name = v_name where p.user_id = v_uid returning * into v_p;
  if not found then
    perform roster_private.fail('not_found', 'Profile not found.');
  end if;
  return v_p;
end
$$;

-- =============================================================================================
-- Service role only
-- =============================================================================================
-- What the public accept-invite page may show before sign-in. Never raises for a bad token:
-- status 'unknown' with every other field null.
create function roster.get_invitation_preview(
  p_token text,
  out status text,
  out org_name text,
  out org_slug text,
  out inviter_name text,
  out role roster.org_role,
  out email_masked text,
  out expires_at timestamptz
)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_hash bytea := roster_private.token_hash_or_null(p_token);
  v_inv roster.invitations;
  v_org roster.organizations;
  v_local text;
begin
  status := 'unknown';
  if v_hash is null then
    return;
  end if;
  select * into v_inv from roster.invitations i where i.token_hash = v_hash;
  if not found then
    return;
  end if;
  select * into v_org from roster.organizations o where o.id = v_inv.org_id and o.deleted_at is null;
  if not found then
    return;
  end if;
  status := roster_private.invitation_effective_status(v_inv.status, v_inv.expires_at)::text;
  org_name := v_org.name;
  org_slug := v_org.slug::text;
  select p.display_name into inviter_name from roster.profiles p where p.user_id = v_inv.invited_by;
  role := v_inv.role;
  v_local := pg_catalog.split_part(v_inv.email::text, '@', 1);
  email_masked := pg_catalog.left(v_local, 1) || '***@' || pg_catalog.split_part(v_inv.email::text, '@', 2);
  expires_at := v_inv.expires_at;
end
$$;

-- Support recovery: makes the user with p_email the active owner (the previous owner, if any,
-- becomes admin). Audited as actor_kind 'support' with the operator and ticket.
create function roster.support_restore_access(
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
    p_before => pg_catalog.jsonb_build_object('owner', v_owner.user_id, 'target_role', v_target.role, 'target_status', v_target.status),
    p_after => pg_catalog.jsonb_build_object('owner', v_uid, 'previous_owner_role', case when v_owner.id is not null then 'admin' end,
      'ticket', v_ticket, 'operator', v_operator));
  org_id := v_org_id;
  user_id := v_uid;
  previous_owner_id := v_owner.user_id;
end
$$;

-- Marks pending invitations and transfers past their expiry as expired, one audit event each.
create function roster.expire_stale(out invitations_expired integer, out transfers_expired integer)
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid;
  v_inv roster.invitations;
  v_t roster.ownership_transfers;
begin
  invitations_expired := 0;
  transfers_expired := 0;
  for v_org_id in
    select o.id from roster.organizations o
    where o.deleted_at is null and (
      exists (select 1 from roster.invitations i where i.org_id = o.id and i.status = 'pending' and i.expires_at <= now())
      or exists (select 1 from roster.ownership_transfers t where t.org_id = o.id and t.status = 'pending' and t.expires_at <= now()))
    order by o.id
  loop
    perform 1 from roster.organizations o where o.id = v_org_id for update;
    for v_inv in
      select * from roster.invitations i
      where i.org_id = v_org_id and i.status = 'pending' and i.expires_at <= now() order by i.created_at for update
    loop
      update roster.invitations i set status = 'expired' where i.id = v_inv.id;
      perform roster_private.write_audit(v_org_id, 'invitation.expired', p_target_email => v_inv.email::text,
        p_target_invitation_id => v_inv.id, p_actor_kind => 'system',
        p_before => pg_catalog.jsonb_build_object('status', 'pending'),
        p_after => pg_catalog.jsonb_build_object('status', 'expired'));
      invitations_expired := invitations_expired + 1;
    end loop;
    for v_t in
      select * from roster.ownership_transfers t
      where t.org_id = v_org_id and t.status = 'pending' and t.expires_at <= now() for update
    loop
      update roster.ownership_transfers t set status = 'expired', resolved_at = now() where t.id = v_t.id;
      perform roster_private.write_audit(v_org_id, 'ownership.transfer_expired', p_target_user_id => v_t.to_user_id,
        p_actor_kind => 'system',
        p_before => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'status', 'pending'),
        p_after => pg_catalog.jsonb_build_object('transfer_id', v_t.id, 'status', 'expired'));
      transfers_expired := transfers_expired + 1;
    end loop;
  end loop;
end
$$;

-- Delivery bookkeeping for the invitations edge function (not a membership state change, so
-- not audited).
create function roster.mark_invitation_delivery(p_invitation_id text, p_status text, p_error text default null)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := roster_private.parse_uuid(p_invitation_id, 'p_invitation_id');
begin
  if p_status is null or p_status not in ('sent', 'failed') then
    perform roster_private.fail('invalid_input', 'Status must be sent or failed.');
  end if;
  update roster.invitations i
  set delivery_status = p_status,
      delivery_error = case when p_status = 'failed' then pg_catalog.left(coalesce(p_error, 'unknown error'), 1000) end,
      send_count = i.send_count + case when p_status = 'sent' then 1 else 0 end,
      last_sent_at = case when p_status = 'sent' then now() else i.last_sent_at end
  where i.id = v_id;
  if not found then
    perform roster_private.fail('not_found', 'Invitation not found.');
  end if;
end
$$;
