-- Triggers on auth.users (owned by Supabase Auth): mirror each user into roster.profiles, and
-- give a new user who arrives without a pending invitation a personal organization.

create function roster_private.display_name_for(p_email text, p_meta jsonb) returns text
language sql immutable set search_path = '' as $$
  select pg_catalog.left(coalesce(
    nullif(pg_catalog.btrim(p_meta ->> 'full_name'), ''),
    nullif(pg_catalog.btrim(p_meta ->> 'name'), ''),
    nullif(pg_catalog.split_part(coalesce(p_email, ''), '@', 1), ''),
    'User'), 200)
$$;

create function roster_private.sync_profile() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    insert into roster.profiles (user_id, email, display_name)
    values (new.id, pg_catalog.lower(new.email), roster_private.display_name_for(new.email, new.raw_user_meta_data))
    on conflict (user_id) do update set email = excluded.email;
  else
    update roster.profiles p
    set email = pg_catalog.lower(new.email),
        -- a changed full_name in the auth metadata wins; otherwise keep what the user set
        display_name = case
          when (new.raw_user_meta_data ->> 'full_name') is distinct from (old.raw_user_meta_data ->> 'full_name')
            and nullif(pg_catalog.btrim(new.raw_user_meta_data ->> 'full_name'), '') is not null
          then roster_private.display_name_for(new.email, new.raw_user_meta_data)
          else p.display_name end
    where p.user_id = new.id;
  end if;
  return null;
end
$$;

create trigger on_auth_user_profile
  after insert or update of email, raw_user_meta_data on auth.users
  for each row execute function roster_private.sync_profile();

-- Deferred to commit, so whoever creates the user (Supabase Auth, a seed) can add memberships in
-- the same transaction first. Skipped when a pending, unexpired invitation awaits the email, or
-- when the user already has a membership row of any status (created alongside the user).
create function roster_private.personal_org_for_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.is_anonymous then
    return null;
  end if;
  -- created together with memberships (seed, admin tooling): not stranded
  if exists (select 1 from roster.memberships m where m.user_id = new.id) then
    return null;
  end if;
  if new.email is not null and exists (
    select 1 from roster.invitations i join roster.organizations o on o.id = i.org_id and o.deleted_at is null
    where i.email operator(extensions.=) pg_catalog.lower(new.email)::extensions.citext
      and i.status = 'pending' and i.expires_at > now()
  ) then
    return null;
  end if;
  perform roster_private.ensure_personal_org(new.id);
  return null;
end
$$;

create constraint trigger on_auth_user_personal_org
  after insert on auth.users
  deferrable initially deferred
  for each row execute function roster_private.personal_org_for_new_user();
