-- Issue 11: the members page asks the server for one page at a time. list_members answers
-- search, role/status filters, five sorts and keyset paging over memberships and live pending
-- invitations together; member_counts gives the per-status totals. Every sort walks an index
-- of (org_id, sort key, name, id), so a page costs what it returns, not what the org holds.

create extension if not exists pg_trgm with schema extensions;
-- btree_gin lets one GIN index start with org_id, so a search never visits another org's rows
create extension if not exists btree_gin with schema extensions;

-- ---------------------------------------------------------------------------------------------
-- Directory keys on memberships: the name the page sorts by and the text it searches, copied
-- from the profile (a sort or search through the profiles join would read the whole org)
-- ---------------------------------------------------------------------------------------------
alter table roster.memberships
  add column sort_name text collate "C",
  add column search_text text collate "C";
comment on column roster.memberships.sort_name is
  'lower(display name, else email) of the member, kept by triggers from profiles; the members page sorts by it.';
comment on column roster.memberships.search_text is
  'lower(display name) || U+001F || lower(email), kept by triggers from profiles; list_members searches it.';

create function roster_private.directory_sort_name(p_display_name text, p_email text) returns text
language sql immutable set search_path = '' as $$
  select pg_catalog.lower(coalesce(p_display_name, p_email, ''))
$$;

-- The unit separator keeps a needle from matching across the end of the name and the email.
create function roster_private.directory_search_text(p_display_name text, p_email text) returns text
language sql immutable set search_path = '' as $$
  select pg_catalog.lower(coalesce(p_display_name, '') || pg_catalog.chr(31) || coalesce(p_email, ''))
$$;

create function roster_private.memberships_directory_keys() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  select roster_private.directory_sort_name(p.display_name, p.email::text), roster_private.directory_search_text(p.display_name, p.email::text)
    into new.sort_name, new.search_text
  from roster.profiles p where p.user_id = new.user_id;
  return new;
end
$$;
create trigger memberships_directory_keys before insert or update of user_id on roster.memberships
  for each row execute function roster_private.memberships_directory_keys();

create function roster_private.profiles_directory_keys() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update roster.memberships m
  set sort_name = roster_private.directory_sort_name(new.display_name, new.email::text),
      search_text = roster_private.directory_search_text(new.display_name, new.email::text)
  where m.user_id = new.user_id
    and (m.sort_name, m.search_text) is distinct from
        (roster_private.directory_sort_name(new.display_name, new.email::text), roster_private.directory_search_text(new.display_name, new.email::text));
  return null;
end
$$;
create trigger profiles_directory_keys after insert or update of display_name, email on roster.profiles
  for each row execute function roster_private.profiles_directory_keys();

update roster.memberships m
set sort_name = roster_private.directory_sort_name(p.display_name, p.email::text),
    search_text = roster_private.directory_search_text(p.display_name, p.email::text)
from roster.profiles p where p.user_id = m.user_id;

-- ---------------------------------------------------------------------------------------------
-- Sort keys: every sort orders by (key ascending, name, id), so one row comparison pages it
-- ---------------------------------------------------------------------------------------------
-- PL/pgSQL, as trim_blank (20261123000200): index expressions run these on every membership write.
-- owner first (rank descending)
create function roster_private.directory_role_key(p_role roster.org_role) returns bigint
language plpgsql immutable set search_path = '' as $$
begin
  return (100 - roster_private.role_rank(p_role))::bigint;
end
$$;

-- active, invited, suspended, removed (invitations are always 1)
create function roster_private.directory_status_key(p_status roster.membership_status) returns bigint
language plpgsql immutable set search_path = '' as $$
begin
  return case p_status when 'active' then 0 when 'suspended' then 2 when 'removed' then 3 end::bigint;
end
$$;

-- newest first, never last: negated microseconds since 2000, null as the largest key
create function roster_private.directory_time_key(p_at timestamptz) returns bigint
language plpgsql immutable set search_path = '' as $$
begin
  return coalesce(-(extract(epoch from (p_at - '2000-01-01 00:00:00+00'::timestamptz)) * 1000000)::bigint,
                  9223372036854775807);
end
$$;

create index memberships_directory_name_idx on roster.memberships (org_id, sort_name, id);
create index memberships_directory_role_idx on roster.memberships (org_id, roster_private.directory_role_key(role), sort_name, id);
create index memberships_directory_status_idx on roster.memberships (org_id, roster_private.directory_status_key(status), sort_name, id);
create index memberships_directory_active_idx on roster.memberships (org_id, roster_private.directory_time_key(last_active_at), sort_name, id);
create index memberships_directory_joined_idx on roster.memberships (org_id, roster_private.directory_time_key(joined_at), sort_name, id);
create index memberships_directory_search_idx on roster.memberships using gin (org_id, search_text extensions.gin_trgm_ops);

create index invitations_directory_name_idx on roster.invitations (org_id, (pg_catalog.lower(email::text) collate "C"), id)
  where status = 'pending';
create index invitations_directory_role_idx on roster.invitations
  (org_id, roster_private.directory_role_key(role), (pg_catalog.lower(email::text) collate "C"), id) where status = 'pending';
create index invitations_directory_joined_idx on roster.invitations
  (org_id, roster_private.directory_time_key(created_at), (pg_catalog.lower(email::text) collate "C"), id) where status = 'pending';
create index invitations_directory_search_idx on roster.invitations
  using gin (org_id, (pg_catalog.lower(email::text) collate "C") extensions.gin_trgm_ops) where status = 'pending';

-- ---------------------------------------------------------------------------------------------
-- Shared argument checks of list_members and member_counts
-- ---------------------------------------------------------------------------------------------
-- A LIKE pattern matching text that contains the trimmed, lower-cased needle; null for none.
create function roster_private.contains_pattern(p_search text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := roster_private.clean_text(p_search, 'Search', 200);
begin
  if v is null then
    return null;
  end if;
  return '%' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.lower(v),
    '\', '\\'), '%', '\%'), '_', '\_') || '%';
end
$$;

create function roster_private.parse_role_filter(p_role text) returns roster.org_role
language plpgsql immutable set search_path = '' as $$
begin
  if p_role is null or pg_catalog.btrim(p_role) = '' then
    return null;
  end if;
  return roster_private.parse_role(p_role);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- list_members
-- ---------------------------------------------------------------------------------------------
-- The cursor is base64 of [sort, key, name, id] for the last row shown; it is opaque to callers
-- and checked here, so a tampered or foreign-sort cursor is invalid_input, never a 500.
create function roster_private.member_cursor(p_sort text, p_key bigint, p_name text, p_id uuid) returns text
language sql immutable set search_path = '' as $$
  select pg_catalog.translate(pg_catalog.encode(pg_catalog.convert_to(
    pg_catalog.jsonb_build_array(p_sort, p_key, p_name, p_id)::text, 'UTF8'), 'base64'), E'\n', '')
$$;

create function roster_private.parse_member_cursor(p_cursor text, p_sort text, out key bigint, out name text, out id uuid)
language plpgsql immutable set search_path = '' as $$
declare
  v jsonb;
begin
  begin
    v := pg_catalog.convert_from(pg_catalog.decode(p_cursor, 'base64'), 'UTF8')::jsonb;
    if pg_catalog.jsonb_typeof(v) <> 'array' or pg_catalog.jsonb_array_length(v) <> 4 or v ->> 0 is distinct from p_sort then
      raise exception 'foreign cursor';
    end if;
    key := (v ->> 1)::bigint;
    name := v ->> 2;
    id := (v ->> 3)::uuid;
  exception when others then
    perform roster_private.fail('invalid_input', 'p_after is not a cursor of this list (same sort); start from the first page.');
  end;
  if key is null or name is null or id is null then
    perform roster_private.fail('invalid_input', 'p_after is not a cursor of this list (same sort); start from the first page.');
  end if;
end
$$;

-- One side's keyset condition. A side whose key is the same for every row (p_key_expr a
-- constant) is decided here: wholly after the cursor, wholly before it, or paged by name.
create function roster_private.keyset_after(p_key_expr text, p_name_expr text, p_id_expr text, p_after_key bigint)
returns text
language plpgsql immutable set search_path = '' as $$
begin
  if p_after_key is null then
    return '';
  elsif p_key_expr !~ '^-?[0-9]+$' then
    return format(' and (%s, %s, %s) > ($5, $6, $7)', p_key_expr, p_name_expr, p_id_expr);
  elsif p_key_expr::bigint > p_after_key then
    return '';
  elsif p_key_expr::bigint < p_after_key then
    return ' and false';
  end if;
  return format(' and (%s, %s) > ($6, $7)', p_name_expr, p_id_expr);
end
$$;

-- The leading ORDER BY term of a side, or nothing when its key is a constant.
create function roster_private.order_key(p_key_expr text) returns text
language sql immutable set search_path = '' as $$
  select case when p_key_expr ~ '^-?[0-9]+$' then '' else p_key_expr || ', ' end
$$;

-- The statement list_members runs for these filters, sort and cursor key (parameters: $1 org,
-- $2 role, $3 search pattern, $4 limit, $5..$7 cursor key, name and id, $8 sort). Built as text
-- so each side reads the index of its sort, and kept apart so tests/database/plans.test.ts can
-- EXPLAIN exactly what runs.
create function roster_private.member_list_query(
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
       coalesce(p.display_name, p.email::text, i.email::text), coalesce(p.email::text, i.email::text),
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

create function roster.list_members(
  p_org_id text,
  p_search text default null,
  p_role text default null,
  p_status text default null,
  p_include_removed boolean default false,
  p_sort text default 'name',
  p_after text default null,
  p_limit integer default 50
)
returns table (
  kind text,
  id uuid,
  user_id uuid,
  display_name text,
  email text,
  role roster.org_role,
  status text,
  invited_by_name text,
  joined_at timestamptz,
  last_active_at timestamptz,
  invited_at timestamptz,
  expires_at timestamptz,
  delivery_failed boolean,
  suspended_at timestamptz,
  suspended_by uuid,
  suspended_reason text,
  removed_at timestamptz,
  removed_by uuid,
  removed_reason text,
  cursor text
)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_pattern text := roster_private.contains_pattern(p_search);
  v_role roster.org_role := roster_private.parse_role_filter(p_role);
  v_sort text := coalesce(p_sort, 'name');
  v_query text;
  v_after_key bigint;
  v_after_name text;
  v_after_id uuid;
begin
  if p_status is not null and p_status not in ('active', 'invited', 'suspended', 'removed') then
    perform roster_private.fail('invalid_input', 'Status must be one of active, invited, suspended, removed.');
  end if;
  if p_limit is null or p_limit not between 1 and 200 then
    perform roster_private.fail('invalid_input', 'p_limit must be between 1 and 200.');
  end if;
  if p_after is not null then
    select c.key, c.name, c.id into v_after_key, v_after_name, v_after_id
    from roster_private.parse_member_cursor(p_after, v_sort) c;
  end if;
  v_query := roster_private.member_list_query(v_sort, p_status, p_include_removed, v_role is not null,
    v_pattern is not null, v_after_key);
  perform roster_private.actor_membership(v_org_id, 'members.read', false);
  return query execute v_query
  using v_org_id, v_role, v_pattern, p_limit, v_after_key, v_after_name, v_after_id, v_sort;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- member_counts
-- ---------------------------------------------------------------------------------------------
create function roster.member_counts(p_org_id text, p_search text default null, p_role text default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_pattern text := roster_private.contains_pattern(p_search);
  v_role roster.org_role := roster_private.parse_role_filter(p_role);
  v_counts jsonb;
  v_invited bigint;
begin
  perform roster_private.actor_membership(v_org_id, 'members.read', false);
  select pg_catalog.jsonb_build_object(
      'active', count(*) filter (where m.status = 'active'),
      'suspended', count(*) filter (where m.status = 'suspended'),
      'removed', count(*) filter (where m.status = 'removed'))
    into v_counts
  from roster.memberships m
  where m.org_id = v_org_id
    and (v_role is null or m.role = v_role)
    and (v_pattern is null or m.search_text like v_pattern);
  select count(*) into v_invited
  from roster.invitations i
  where i.org_id = v_org_id and i.status = 'pending' and i.expires_at > pg_catalog.now()
    and (v_role is null or i.role = v_role)
    and (v_pattern is null or (pg_catalog.lower(i.email::text) collate "C") like v_pattern);
  return v_counts || pg_catalog.jsonb_build_object('invited', v_invited);
end
$$;

revoke all on function roster.list_members(text, text, text, text, boolean, text, text, integer),
  roster.member_counts(text, text, text) from public, anon, authenticated;
grant execute on function roster.list_members(text, text, text, text, boolean, text, text, integer),
  roster.member_counts(text, text, text) to authenticated;

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
