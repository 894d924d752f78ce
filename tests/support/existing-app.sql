-- An app already running on Supabase before it adopts Roster: the tables and functions most
-- apps have, in `public`, under the names Roster once used. `profiles` and `handle_new_user` are
-- the Supabase starter's ("User Management Starter", supabase/supabase examples); the
-- organizations, teams, members and invitations are the app's own tenancy, with RLS and the
-- grants Supabase gives `public` by default. Applied as postgres, like the app's migrations.

create table public.profiles (
  id uuid not null references auth.users on delete cascade primary key,
  updated_at timestamptz,
  username text unique,
  full_name text,
  avatar_url text,
  website text,
  constraint username_length check (char_length(username) >= 3)
);
alter table public.profiles enable row level security;
create policy "Public profiles are viewable by everyone." on public.profiles for select using (true);
create policy "Users can insert their own profile." on public.profiles for insert with check ((select auth.uid()) = id);
create policy "Users can update own profile." on public.profiles for update using ((select auth.uid()) = id);

create function public.handle_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, full_name, avatar_url)
  values (new.id, new.raw_user_meta_data ->> 'full_name', new.raw_user_meta_data ->> 'avatar_url');
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute procedure public.handle_new_user();

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now()
);
create table public.members (
  org_id uuid not null references public.organizations on delete cascade,
  user_id uuid not null references auth.users on delete cascade,
  role text not null default 'member' check (role in ('admin', 'member')),
  primary key (org_id, user_id)
);
create table public.teams (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations on delete cascade,
  name text not null
);
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations on delete cascade,
  email text not null,
  invited_by uuid references auth.users on delete set null,
  created_at timestamptz not null default now()
);

create function public.is_member_of(p_org_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.members m where m.org_id = p_org_id and m.user_id = (select auth.uid()))
$$;

alter table public.organizations enable row level security;
alter table public.members enable row level security;
alter table public.teams enable row level security;
alter table public.invitations enable row level security;
create policy "Members see their organizations" on public.organizations for select to authenticated
  using (public.is_member_of(id));
create policy "Members see each other" on public.members for select to authenticated
  using (public.is_member_of(org_id));
create policy "Members see and manage teams" on public.teams for all to authenticated
  using (public.is_member_of(org_id)) with check (public.is_member_of(org_id));
create policy "Members see invitations" on public.invitations for select to authenticated
  using (public.is_member_of(org_id));
