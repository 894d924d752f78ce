-- Issue 11: reads whose cost grew with the organization (or with every organization).

-- ---------------------------------------------------------------------------------------------
-- Profile visibility per returned row
-- ---------------------------------------------------------------------------------------------
-- roster_private.visible_user_ids() listed every member of every org where the caller holds
-- members.read (100,000 rows in a large org), and the policy built that list for each statement,
-- twice for member_directory (member and inviter). Checking each returned profile with one index
-- probe on memberships (by user) costs what the request returns instead.

-- Users read their own profile and the profiles of people with a membership (any status, so
-- history and inviters resolve) in an org where they hold members.read.
drop policy profiles_select on roster.profiles;
create policy profiles_select on roster.profiles for select to authenticated
  using (user_id = (select auth.uid())
         or exists (select 1 from roster.memberships m
                    where m.user_id = profiles.user_id
                      -- an array (InitPlan, once per statement), not IN: IN becomes a join per row
                      and m.org_id = any (array(select roster_private.org_ids_with('members.read')))
                    -- offset 0 keeps this a probe per profile: without it the planner may turn the
                    -- EXISTS into a hash of every membership of the caller's orgs (100,000 rows)
                    offset 0));

drop function roster_private.visible_user_ids();

-- ---------------------------------------------------------------------------------------------
-- Audit text search, indexed per org
-- ---------------------------------------------------------------------------------------------
-- The audit page's `q` is `or=(actor_email.ilike.*q*,target_email.ilike.*q*,action.ilike.*q*,
-- reason.ilike.*q*)`. One GIN index with org_id first (btree_gin) and a trigram column for each
-- searched field answers every arm of that OR (a BitmapOr over the same index), so a search
-- reads only the org's matching events, whatever other orgs hold. Trigrams rather than full-text
-- search: the page promises "contains" (parts of addresses, actions like `role_ch`), which
-- full-text stemming cannot match. A small pending list (256 kB, not 4 MB): inserts stay
-- batched, yet a search never scans a long unmerged list (and the planner keeps the index).
create index audit_events_org_search_idx on roster.audit_events using gin (
  org_id,
  actor_email extensions.gin_trgm_ops,
  target_email extensions.gin_trgm_ops,
  action extensions.gin_trgm_ops,
  reason extensions.gin_trgm_ops
) with (gin_pending_list_limit = 256);

-- ilike is not leakproof, so under RLS Postgres may not use it as an index condition (it could
-- reveal rows the policy hides): through PostgREST the search above still reads every event of
-- the org. This RPC checks audit.read itself and runs the same filters without RLS, so the
-- trigram index answers. Filters as on the audit page; newest first; keyset after
-- (p_before_occurred_at, p_before_id).
create function roster.search_audit_events(
  p_org_id text,
  p_q text,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_actions text[] default null,
  p_actor_id text default null,
  p_target text default null,
  p_before_occurred_at timestamptz default null,
  p_before_id bigint default null,
  p_limit integer default 50
) returns setof roster.audit_events
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
  v_pattern text := roster_private.contains_pattern(p_q);
  v_actor_id uuid := case when p_actor_id is not null then roster_private.parse_uuid(p_actor_id, 'p_actor_id') end;
  v_target text := roster_private.clean_text(p_target, 'Target', 254);
  v_target_id uuid;
  v_target_pattern text;
begin
  if v_pattern is null then
    perform roster_private.fail('invalid_input', 'p_q is required: the text to search for.');
  end if;
  if p_limit is null or p_limit not between 1 and 1000 then
    perform roster_private.fail('invalid_input', 'p_limit must be between 1 and 1000.');
  end if;
  if (p_before_occurred_at is null) <> (p_before_id is null) then
    perform roster_private.fail('invalid_input', 'p_before_occurred_at and p_before_id go together.');
  end if;
  if p_actions is not null and pg_catalog.cardinality(p_actions) > 50 then
    perform roster_private.fail('invalid_input', 'At most 50 actions.');
  end if;
  if v_target ~ '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$' then
    v_target_id := v_target::uuid;
  elsif v_target is not null then
    v_target_pattern := roster_private.contains_pattern(v_target);
  end if;
  perform roster_private.actor_membership(v_org_id, 'audit.read', false);
  -- only the filters given, so each call is planned for exactly its conditions
  return query execute format(
    'select * from roster.audit_events e
     where e.org_id = $1
       and (e.actor_email ilike $2 or e.target_email ilike $2 or e.action ilike $2 or e.reason ilike $2)%s%s%s%s%s%s%s
     order by e.occurred_at desc, e.id desc limit $11',
    case when p_from is not null then ' and e.occurred_at >= $3' else '' end,
    case when p_to is not null then ' and e.occurred_at < $4' else '' end,
    case when p_actions is not null then ' and e.action = any ($5)' else '' end,
    case when v_actor_id is not null then ' and e.actor_id = $6' else '' end,
    case when v_target_id is not null then ' and e.target_user_id = $7' else '' end,
    case when v_target_pattern is not null then ' and e.target_email ilike $8' else '' end,
    case when p_before_id is not null
      then ' and e.occurred_at <= $9 and (e.occurred_at < $9 or (e.occurred_at = $9 and e.id < $10))' else '' end)
  using v_org_id, v_pattern, p_from, p_to, p_actions, v_actor_id, v_target_id, v_target_pattern,
    p_before_occurred_at, p_before_id, p_limit;
end
$$;

revoke all on function roster.search_audit_events(text, text, timestamptz, timestamptz, text[], text, text, timestamptz, bigint, integer)
  from public, anon, authenticated;
grant execute on function roster.search_audit_events(text, text, timestamptz, timestamptz, text[], text, text, timestamptz, bigint, integer)
  to authenticated;
