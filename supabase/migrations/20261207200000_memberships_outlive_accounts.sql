-- Issue 14: when an account is deleted, its memberships end (status removed) instead of going
-- with the auth user, so each organization's member directory keeps who was there.
--
-- Why the row is detached (user_id null) rather than keeping a dangling user_id:
--   * Access is decided by `memberships.user_id = auth.uid()` in many places (RLS helpers, RPCs,
--     the personal-organization trigger on sign-up). GoTrue's admin API accepts an `id` for a
--     new user (supabase/auth internal/api/admin.go AdminUserParams.Id), so a dangling id could
--     be issued again, and its new owner would meet the old rows everywhere. A null user_id
--     matches nobody, with no extra check in any of those places.
--   * The foreign key stays (no action): the deletion trigger detaches every row first, so a
--     membership can never point at an account that does not exist.
-- The person's id, email and name at deletion are kept on the row (deleted_user_*): the id
-- finds their history in the audit log (audit_events.target_user_id), the name and email show
-- in the directory. Their profile goes with the account. Owner rows are never detached: the
-- only ones left at deletion belong to organizations deleted with (or before) the person, and
-- are deleted, as the cascade did before.

alter table roster.memberships
  alter column user_id drop not null,
  add column deleted_user_id uuid,
  add column deleted_user_email extensions.citext,
  add column deleted_user_name text,
  drop constraint memberships_user_id_fkey,
  add constraint memberships_user_id_fkey foreign key (user_id) references auth.users (id),
  -- a membership has a live account, or is the removed row of a deleted one
  add constraint memberships_account_deleted check (
    (user_id is null) = (deleted_user_id is not null) and (user_id is not null or status = 'removed'));
comment on column roster.memberships.deleted_user_id is
  'The id the member''s account had, once that account was deleted (user_id is then null); never used for access.';
comment on column roster.memberships.deleted_user_email is 'The member''s email when their account was deleted.';
comment on column roster.memberships.deleted_user_name is 'The member''s display name when their account was deleted.';

-- The second step of an account's deletion, after the rule (20261206100000_account_deletion.sql)
-- has written one member.removed event per organization and deleted the person's own ones.
create function roster_private.detach_memberships_of_deleted_user(p_user auth.users) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_email text;
  v_name text;
begin
  -- Owner rows left are those of deleted organizations.
  delete from roster.memberships m where m.user_id = p_user.id and m.role = 'owner';
  -- Every other row ends and is detached; rows removed earlier keep when, why and by whom.
  select p.email::text, p.display_name into v_email, v_name from roster.profiles p where p.user_id = p_user.id;
  update roster.memberships m
  set user_id = null, deleted_user_id = p_user.id,
      deleted_user_email = coalesce(v_email, pg_catalog.lower(p_user.email)),
      deleted_user_name = coalesce(v_name, roster_private.display_name_for(p_user.email, p_user.raw_user_meta_data)),
      status = 'removed',
      removed_at = case when m.status = 'removed' then m.removed_at else now() end,
      removed_by = case when m.status = 'removed' then m.removed_by end,
      removed_reason = case when m.status = 'removed' then m.removed_reason else 'Account deleted' end
  where m.user_id = p_user.id;
end
$$;
revoke all on function roster_private.detach_memberships_of_deleted_user(auth.users) from public;

create or replace function roster_private.before_auth_user_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform roster_private.apply_account_deletion_rule(old);
  perform roster_private.detach_memberships_of_deleted_user(old);
  return old;
end
$$;

-- The directory shows a deleted account's row with the name and email it had (user_id null).
create or replace function roster_private.member_list_query(
  p_sort text, p_status text, p_include_removed boolean, p_has_role boolean, p_has_search boolean, p_after_key bigint
) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_member_key text;
  v_invitation_key text;
  v_member_status text;
  v_members text;
  v_invitations text;
  v_name_i constant text := '(pg_catalog.lower(i.email::text) collate "C")';
begin
  case p_sort
    when 'name' then v_member_key := '0'; v_invitation_key := '0';
    when 'role' then v_member_key := 'roster_private.directory_role_key(m.role)'; v_invitation_key := 'roster_private.directory_role_key(i.role)';
    when 'status' then v_member_key := 'roster_private.directory_status_key(m.status)'; v_invitation_key := '1';
    when 'last-active' then v_member_key := 'roster_private.directory_time_key(m.last_active_at)'; v_invitation_key := '9223372036854775807';
    when 'joined' then v_member_key := 'roster_private.directory_time_key(m.joined_at)'; v_invitation_key := 'roster_private.directory_time_key(i.created_at)';
    else perform roster_private.fail('invalid_input', 'Sort must be one of name, role, status, last-active, joined.');
  end case;
  v_member_status := case
    when p_status = 'invited' then ' and false'
    when p_status is not null then format(' and m.status = %L', p_status)
    when not coalesce(p_include_removed, false) then ' and m.status <> ''removed'''
    else '' end;
  v_members := format(
    'select ''member''::text as kind, m.id, %1$s::bigint as sort_key, m.sort_name as sort_name
     from roster.memberships m
     where m.org_id = $1%2$s%3$s%4$s%5$s
     order by %6$sm.sort_name, m.id limit $4',
    v_member_key, v_member_status,
    case when p_has_role then ' and m.role = $2' else '' end,
    case when p_has_search then ' and m.search_text like $3' else '' end,
    roster_private.keyset_after(v_member_key, 'm.sort_name', 'm.id', p_after_key),
    roster_private.order_key(v_member_key));
  v_invitations := format(
    'select ''invitation''::text, i.id, %1$s::bigint, %2$s
     from roster.invitations i
     where i.org_id = $1 and i.status = ''pending'' and i.expires_at > pg_catalog.now()%3$s%4$s%5$s%6$s
     order by %7$s%2$s, i.id limit $4',
    v_invitation_key, v_name_i,
    case when p_status is not null and p_status <> 'invited' then ' and false' else '' end,
    case when p_has_role then ' and i.role = $2' else '' end,
    case when p_has_search then format(' and %s like $3', v_name_i) else '' end,
    roster_private.keyset_after(v_invitation_key, v_name_i, 'i.id', p_after_key),
    roster_private.order_key(v_invitation_key));

  return format(
    'with page as (
       (%1$s) union all (%2$s)
       order by sort_key, sort_name, id limit $4
     )
     select page.kind, page.id, m.user_id,
       coalesce(p.display_name, m.deleted_user_name, i.email::text),
       coalesce(p.email::text, m.deleted_user_email::text, i.email::text),
       coalesce(m.role, i.role), coalesce(m.status::text, ''invited''),
       inviter.display_name, m.joined_at, m.last_active_at, i.created_at, i.expires_at,
       coalesce(i.delivery_status = ''failed'', false),
       m.suspended_at, m.suspended_by, m.suspended_reason, m.removed_at, m.removed_by, m.removed_reason,
       roster_private.member_cursor($8, page.sort_key, page.sort_name, page.id)
     from page
     left join roster.memberships m on page.kind = ''member'' and m.id = page.id
     left join roster.profiles p on p.user_id = m.user_id
     left join roster.invitations i on page.kind = ''invitation'' and i.id = page.id
     left join roster.profiles inviter on inviter.user_id = coalesce(m.invited_by, i.invited_by)
     order by page.sort_key, page.sort_name, page.id',
    v_members, v_invitations);
end
$$;

-- member_directory shows them too: 20261207300000_rls_helper_plans.sql reads names from the row.

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
