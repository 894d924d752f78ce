-- The client address, one rule (docs/database.md, "Client address"). The first hop of
-- x-forwarded-for is whatever the caller wrote, so rotating it defeated limits and put any
-- address into the audit trail. The address is now the one the edge sets from the connecting
-- socket and overwrites whatever the caller sent: CF-Connecting-IP (Cloudflare in front of
-- hosted Supabase; supabase/local/gateway.ts locally). Sb-Forwarded-For is taken only from the
-- service role, i.e. a server holding the secret key vouching for its own caller, as Supabase
-- Auth takes it (guides/auth/rate-limits.mdx, "IP address forwarding").
create or replace function roster_private.request_ip() returns inet
language plpgsql stable set search_path = '' as $$
declare
  v_headers json := nullif(current_setting('request.headers', true), '')::json;
  v_vouched text;
begin
  if nullif(current_setting('request.jwt.claims', true), '')::json ->> 'role' = 'service_role' then
    v_vouched := pg_catalog.btrim(pg_catalog.split_part(v_headers ->> 'sb-forwarded-for', ',', 1));
  end if;
  return coalesce(nullif(v_vouched, ''), nullif(pg_catalog.btrim(v_headers ->> 'cf-connecting-ip'), ''))::inet;
exception when others then
  -- Not an address, or unreadable headers: the event records no address rather than failing.
  return null;
end
$$;
