-- Deleting a person's account. One rule, enforced on `auth.users` itself, so every path obeys it:
-- the SPA's "Delete my account" (roster.delete_my_account), the Auth admin API and the Supabase
-- dashboard's "Delete user" (GoTrue deletes the row: supabase/auth internal/api/admin.go
-- adminUserDelete).
--   * Refused while the person owns an organization that has other members (active or
--     suspended): ownership must be transferred, or the organization deleted, first.
--   * Otherwise each organization they own alone (their personal one) is deleted as
--     delete_organization does, and each membership elsewhere ends with one `member.removed`
--     event (after an `ownership.transfer_cancelled` for a transfer offered to them). The membership and profile rows then go with the user (foreign keys cascade); the
--     audit log keeps the person's id, email and name as snapshots.
--   * Invitations the person sent stay valid: `invited_by` becomes null and the
--     `invitation.created` event keeps who sent them.

-- Organizations `p_user_id` owns that someone else still belongs to: what blocks the deletion.
create function roster_private.orgs_blocking_account_deletion(p_user_id uuid)
returns table (org_id uuid, slug text, name text, other_members bigint)
language sql stable set search_path = '' as $$
  select o.id, o.slug::text, o.name, count(other.id)
  from roster.memberships mine
  join roster.organizations o on o.id = mine.org_id and o.deleted_at is null
  join roster.memberships other on other.org_id = o.id and other.user_id <> p_user_id
    and other.status in ('active', 'suspended')
  where mine.user_id = p_user_id and mine.role = 'owner' and mine.status = 'active'
  group by o.id
  order by o.name, o.id
$$;

-- The rule for p_user's deletion: refuses, or ends each of their organizations' ties to them.
create function roster_private.apply_account_deletion_rule(p_user auth.users) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_blocking text;
  v_org record;
  v_transfer_id uuid;
begin
  -- Lock every live org the person belongs to, in one order, before looking at its members:
  -- an invitation accepted meanwhile cannot slip in behind the check.
  perform 1 from roster.organizations o
  where o.deleted_at is null
    and o.id in (select m.org_id from roster.memberships m where m.user_id = p_user.id)
  order by o.id
  for update;

  select pg_catalog.string_agg(format('%s (%s other member%s)', b.name, b.other_members,
      case when b.other_members = 1 then '' else 's' end), ', ')
    into v_blocking
  from roster_private.orgs_blocking_account_deletion(p_user.id) b;
  if v_blocking is not null then
    raise exception using errcode = 'P0001', hint = 'account_owns_organizations',
      message = format('%s owns %s. Transfer ownership or delete the organization before deleting the account.',
        p_user.email, v_blocking);
  end if;

  for v_org in
    select o.id, o.name, o.slug, m.role, m.status
    from roster.memberships m join roster.organizations o on o.id = m.org_id and o.deleted_at is null
    where m.user_id = p_user.id and m.status <> 'removed'
    order by o.id
  loop
    if v_org.role = 'owner' then
      -- the person is its only member
      update roster.invitations i set status = 'revoked', revoked_at = now()
      where i.org_id = v_org.id and i.status = 'pending';
      update roster.ownership_transfers t set status = 'cancelled', resolved_at = now()
      where t.org_id = v_org.id and t.status = 'pending';
      perform roster_private.write_audit(v_org.id, 'org.deleted', p_reason => 'Owner account deleted',
        p_before => pg_catalog.jsonb_build_object('name', v_org.name, 'slug', v_org.slug),
        p_after => pg_catalog.jsonb_build_object('deleted', true));
      update roster.organizations o set deleted_at = now() where o.id = v_org.id;
    else
      -- a transfer offered to them can no longer be accepted: it ends, on the record, before they go
      for v_transfer_id in
        update roster.ownership_transfers t set status = 'cancelled', resolved_at = now()
        where t.org_id = v_org.id and t.to_user_id = p_user.id and t.status = 'pending'
        returning t.id
      loop
        perform roster_private.write_audit(v_org.id, 'ownership.transfer_cancelled', p_target_user_id => p_user.id,
          p_actor_kind => 'system', p_reason => 'Recipient account deleted',
          p_before => pg_catalog.jsonb_build_object('transfer_id', v_transfer_id, 'status', 'pending'),
          p_after => pg_catalog.jsonb_build_object('transfer_id', v_transfer_id, 'status', 'cancelled'));
      end loop;
      perform roster_private.write_audit(v_org.id, 'member.removed', p_target_user_id => p_user.id,
        p_reason => 'Account deleted',
        p_before => pg_catalog.jsonb_build_object('status', v_org.status, 'role', v_org.role),
        p_after => pg_catalog.jsonb_build_object('status', 'removed', 'role', v_org.role));
    end if;
  end loop;
end
$$;

-- The trigger calls each step by name, so their order is written here rather than left to the
-- names of several triggers (20261207200000 adds the next step).
create function roster_private.before_auth_user_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform roster_private.apply_account_deletion_rule(old);
  return old;
end
$$;

create trigger roster_before_user_delete
  before delete on auth.users
  for each row execute function roster_private.before_auth_user_delete();

-- What stands between the caller and deleting their account, for the profile page to explain
-- before they try.
create function roster.account_deletion_blockers()
returns table (org_id uuid, slug text, name text, other_members bigint)
language sql stable security definer set search_path = '' as $$
  select * from roster_private.orgs_blocking_account_deletion((select auth.uid()))
$$;

-- "Delete my account": the caller types their email address to confirm. The trigger above
-- applies the rule and explains a refusal (hint account_owns_organizations); GoTrue's own
-- sessions and identities go with the user row (foreign keys cascade).
create function roster.delete_my_account(p_confirm_email text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := roster_private.require_user();
  v_email text;
begin
  select u.email into v_email from auth.users u where u.id = v_uid;
  if p_confirm_email is null or pg_catalog.lower(pg_catalog.btrim(p_confirm_email)) <> pg_catalog.lower(v_email) then
    perform roster_private.fail('account_confirmation_mismatch', 'Type your email address exactly to confirm.');
  end if;
  delete from auth.users u where u.id = v_uid;
end
$$;

revoke all on function roster_private.orgs_blocking_account_deletion(uuid), roster_private.apply_account_deletion_rule(auth.users),
  roster_private.before_auth_user_delete() from public;
revoke all on function roster.account_deletion_blockers(), roster.delete_my_account(text) from public, anon;
grant execute on function roster.account_deletion_blockers(), roster.delete_my_account(text) to authenticated;

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
