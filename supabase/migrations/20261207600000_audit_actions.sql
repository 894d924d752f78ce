-- The audit page's Action filter offers Roster's own actions and the app actions (`<area>.<verb>`,
-- written through roster.audit) that the org's log holds.

-- Every distinct action in the org's log, in order, at most 500. A loose index scan: each step
-- seeks audit_events_org_action_idx (org_id, action, occurred_at desc) past the previous action,
-- so the cost grows with the actions returned, never with the number of events in the org.
create function roster.audit_actions(p_org_id text)
returns table (action text)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_org_id uuid := roster_private.parse_uuid(p_org_id, 'p_org_id');
begin
  perform roster_private.actor_membership(v_org_id, 'audit.read', false);
  return query
  with recursive found (action) as (
    (select e.action from roster.audit_events e where e.org_id = v_org_id order by e.action limit 1)
    union all
    select (select e.action from roster.audit_events e
            where e.org_id = v_org_id and e.action > f.action order by e.action limit 1)
    from found f
    where f.action is not null
  )
  select f.action from found f where f.action is not null
  limit 500;
end
$$;

revoke all on function roster.audit_actions(text) from public, anon, authenticated;
grant execute on function roster.audit_actions(text) to authenticated;

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
