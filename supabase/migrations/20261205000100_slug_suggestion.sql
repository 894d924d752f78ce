-- A free organization address near a taken one, so "already taken" comes with a way forward
-- (issue 12). It says only what create_organization's slug_taken already says: whether an
-- address is in use by a live organization.

create function roster.suggest_organization_slug(p_slug text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  -- Room for a suffix inside the 63-character limit; slugify also keeps the address valid.
  v_base text := roster_private.slugify(roster_private.clean_text(p_slug, 'Slug', 63));
  v_slug text := v_base;
  v_try integer := 1;
begin
  perform roster_private.require_user();
  -- -2, -3, … first: what a person would try; then random suffixes, as create_org_core does.
  while exists (
    select 1 from roster.organizations o
    where o.slug operator(extensions.=) v_slug::extensions.citext and o.deleted_at is null
  ) loop
    v_try := v_try + 1;
    v_slug := v_base || '-' || case
      when v_try <= 9 then v_try::text
      else pg_catalog.substr(pg_catalog.md5(pg_catalog.random()::text), 1, 6) end;
  end loop;
  return v_slug;
end
$$;
comment on function roster.suggest_organization_slug(text) is
  'A live-org-free address derived from p_slug: itself if free, else -2 … -9, else a random suffix.';

revoke all on function roster.suggest_organization_slug(text) from public, anon;
grant execute on function roster.suggest_organization_slug(text) to authenticated;
