-- Issue 10: the invitation-preview limit is counted in the database. It was kept in the memory
-- of each function instance, so two instances, or one restarted, each allowed the full budget.
-- Now the lookup RPC counts the caller's address and refuses over the limit (PT429) in the same
-- call, whichever instance of the function asks.

comment on table roster_private.limits is
  'Limits enforced by the database (issue 10): per organization, or per client address with roster_private.limit_counters.';

insert into roster_private.limits (name, max_events, per_window) values
  -- invitation previews (the public accept-invite page, no sign-in) per client address per minute
  ('invitation_previews', 30, interval '1 minute');

-- Hits per key in the current window of a limit: one row per (limit, key), a fixed window that
-- starts with the key's first hit. A hit after the window has ended starts the next one in the
-- same row, and every hit prunes up to 100 expired rows of its limit, so the table holds about
-- the keys seen in the last window. No API role can read or write it.
create table roster_private.limit_counters (
  limit_name text not null references roster_private.limits (name) on delete cascade,
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (limit_name, key)
);
create index limit_counters_window_idx on roster_private.limit_counters (limit_name, window_start);
alter table roster_private.limit_counters enable row level security;
revoke all on roster_private.limit_counters from public, anon, authenticated, service_role;

-- Counts one hit of `p_key` against limit `p_limit` and raises rate_limited (PT429, HTTP 429)
-- past its max_events; `p_message` may name the limit and window with two %s. The upsert takes
-- the key's row lock, so concurrent hits of one key count one after another and none sees a
-- stale count. A refused hit rolls back with its caller's transaction, so a key that reached
-- the limit stays there, refused, until its window ends.
create function roster_private.hit_limit(p_limit text, p_key text, p_message text) returns void
language plpgsql volatile set search_path = '' as $$
declare
  v_limit roster_private.limits;
  v_hits integer;
begin
  select * into v_limit from roster_private.limits l where l.name = p_limit;
  if not found then
    return;
  end if;
  -- skip locked: concurrent hits prune different rows instead of queueing behind one another
  delete from roster_private.limit_counters c
  where (c.limit_name, c.key) in (
    select o.limit_name, o.key from roster_private.limit_counters o
    where o.limit_name = p_limit and o.window_start <= now() - v_limit.per_window
    limit 100
    for update skip locked
  );
  insert into roster_private.limit_counters as c (limit_name, key, window_start, hits)
  values (p_limit, p_key, now(), 1)
  on conflict (limit_name, key) do update set
    window_start = case when c.window_start <= now() - v_limit.per_window then now() else c.window_start end,
    hits = case when c.window_start <= now() - v_limit.per_window then 1 else c.hits + 1 end
  returning c.hits into v_hits;
  if v_hits > v_limit.max_events then
    perform roster_private.fail('rate_limited', format(p_message, v_limit.max_events, v_limit.per_window));
  end if;
end
$$;
revoke all on function roster_private.hit_limit(text, text, text) from public, anon, authenticated, service_role;

-- The key a per-address limit counts the caller under: the client address by the one rule
-- (roster_private.request_ip(): the edge's CF-Connecting-IP, or Sb-Forwarded-For from the service role
-- only), an IPv6 address by its /64, the network one subscriber is handed (rotating addresses
-- within it is no new client), and no address at all as the shared key 'unknown', as the
-- functions do (functions/_shared/http.ts clientAddress): stricter, never spoofable.
create function roster_private.client_key() returns text
language sql stable set search_path = '' as $$
  select coalesce(
    case when pg_catalog.family(a) = 6 and not a <<= inet '::ffff:0:0/96'
      then pg_catalog.network(pg_catalog.set_masklen(a, 64))::text
      else pg_catalog.host(a) end,
    'unknown')
  from (select roster_private.request_ip() as a) address
$$;
revoke all on function roster_private.client_key() from public, anon, authenticated, service_role;

-- The lookup itself moves, unchanged, to roster_private.invitation_preview; roster.get_invitation_preview
-- counts the caller's address first, so no lookup happens past the limit.
alter function roster.get_invitation_preview(text) set schema roster_private;
alter function roster_private.get_invitation_preview(text) rename to invitation_preview;
revoke all on function roster_private.invitation_preview(text) from public, anon, authenticated, service_role;

-- What the public accept-invite page may show before sign-in (roster_private.invitation_preview), at
-- most `invitation_previews` lookups per client address per window. The invitation-preview
-- function calls it with the secret key and vouches for its caller's address (Sb-Forwarded-For),
-- which only the service role may do (docs/database.md, "Client address").
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
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform roster_private.hit_limit('invitation_previews', roster_private.client_key(),
    'Too many invitation lookups from your address (at most %s per %s). Try again shortly.');
  select p.status, p.org_name, p.org_slug, p.inviter_name, p.role, p.email_masked, p.expires_at
  into status, org_name, org_slug, inviter_name, role, email_masked, expires_at
  from roster_private.invitation_preview(p_token) p;
end
$$;
revoke all on function roster.get_invitation_preview(text) from public, anon, authenticated;
grant execute on function roster.get_invitation_preview(text) to service_role;

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
