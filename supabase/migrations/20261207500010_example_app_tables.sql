-- The worked example of docs/adopting.md: the demo tenant tables (an app's own tables, in
-- `public`) protected by the organization's permission matrix through Roster's SQL API
-- (20261207500000_app_api.sql). They prove isolation on real rows and give the role preview and
-- the SPA's Workspace something to show. Not part of Roster's core: an app that adopts Roster
-- leaves this file out and writes its own, in this shape (or with npm run roster:resource).

-- ---------------------------------------------------------------------------------------------
-- Permission keys: one call per key, owner implied (the keys keep their names from before)
-- ---------------------------------------------------------------------------------------------
select roster.register_permission('customers.read', 'View customers', '{admin,member,viewer}');
select roster.register_permission('customers.write', 'Create and edit customers', '{admin,member}');
select roster.register_permission('conversations.read', 'View conversations', '{admin,member,viewer}');
select roster.register_permission('conversations.write', 'Reply to and manage conversations', '{admin,member}');
select roster.register_permission('messages.read', 'View messages', '{admin,member,viewer}');
select roster.register_permission('messages.write', 'Send messages', '{admin,member}');
select roster.register_permission('ai_drafts.read', 'View AI drafts', '{admin,member}');
select roster.register_permission('ai_drafts.write', 'Create and approve AI drafts', '{admin,member}');

-- ---------------------------------------------------------------------------------------------
-- Tables: every row has its org_id; children reference (org_id, parent id) so a row never points
-- into another tenant
-- ---------------------------------------------------------------------------------------------
create table public.customers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references roster.organizations (id) on delete cascade,
  name text not null constraint customers_name_length check (char_length(name) between 1 and 200),
  email extensions.citext constraint customers_email_length check (char_length(email::text) <= 254),
  phone text constraint customers_phone_length check (char_length(phone) <= 40),
  notes text constraint customers_notes_length check (char_length(notes) <= 4000),
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  constraint customers_org_id_id_key unique (org_id, id)
);
create index customers_org_name_idx on public.customers (org_id, name);
create index customers_created_by_idx on public.customers (created_by);

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references roster.organizations (id) on delete cascade,
  customer_id uuid not null,
  channel text not null default 'chat' constraint conversations_channel check (channel in ('voice', 'chat', 'sms', 'email')),
  subject text constraint conversations_subject_length check (char_length(subject) <= 300),
  status text not null default 'open' constraint conversations_status check (status in ('open', 'pending', 'closed')),
  assigned_to uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  constraint conversations_org_id_id_key unique (org_id, id),
  constraint conversations_customer_fkey foreign key (org_id, customer_id)
    references public.customers (org_id, id) on delete cascade
);
create index conversations_org_updated_idx on public.conversations (org_id, updated_at desc);
create index conversations_customer_idx on public.conversations (org_id, customer_id);
create index conversations_assigned_to_idx on public.conversations (assigned_to);
create index conversations_created_by_idx on public.conversations (created_by);

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references roster.organizations (id) on delete cascade,
  conversation_id uuid not null,
  direction text not null constraint messages_direction check (direction in ('inbound', 'outbound')),
  author_kind text not null constraint messages_author_kind check (author_kind in ('customer', 'agent', 'assistant')),
  body text not null constraint messages_body_length check (char_length(body) between 1 and 10000),
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  constraint messages_conversation_fkey foreign key (org_id, conversation_id)
    references public.conversations (org_id, id) on delete cascade
);
create index messages_conversation_idx on public.messages (org_id, conversation_id, created_at);
create index messages_created_by_idx on public.messages (created_by);

create table public.ai_drafts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references roster.organizations (id) on delete cascade,
  conversation_id uuid not null,
  body text not null constraint ai_drafts_body_length check (char_length(body) between 1 and 10000),
  status text not null default 'draft' constraint ai_drafts_status check (status in ('draft', 'approved', 'discarded')),
  model text constraint ai_drafts_model_length check (char_length(model) <= 100),
  created_at timestamptz not null default now(),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  constraint ai_drafts_conversation_fkey foreign key (org_id, conversation_id)
    references public.conversations (org_id, id) on delete cascade
);
create index ai_drafts_conversation_idx on public.ai_drafts (org_id, conversation_id, created_at);
create index ai_drafts_created_by_idx on public.ai_drafts (created_by);

-- updated_at stamped by Roster's row trigger (app API).
create trigger customers_updated_at before update on public.customers
  for each row execute function roster.set_updated_at();
create trigger conversations_updated_at before update on public.conversations
  for each row execute function roster.set_updated_at();
create trigger ai_drafts_updated_at before update on public.ai_drafts
  for each row execute function roster.set_updated_at();

-- People named in a row must be active members of its org (roster.require_org_members: the same
-- refusal whoever the id belongs to).
create trigger customers_people_are_members before insert or update on public.customers
  for each row execute function roster.require_org_members('created_by');
create trigger conversations_people_are_members before insert or update on public.conversations
  for each row execute function roster.require_org_members('assigned_to', 'created_by');
create trigger messages_people_are_members before insert or update on public.messages
  for each row execute function roster.require_org_members('created_by');
create trigger ai_drafts_people_are_members before insert or update on public.ai_drafts
  for each row execute function roster.require_org_members('created_by');

-- ---------------------------------------------------------------------------------------------
-- Policies: one per operation with roster.orgs_with
-- ---------------------------------------------------------------------------------------------
alter table public.customers enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;
alter table public.ai_drafts enable row level security;

-- The same four policies on each table, from its own keys: <table>.read holders read the org's
-- rows; <table>.write holders add, edit and delete them (docs/adopting.md writes one table's out).
do $$
declare
  v_table text;
begin
  foreach v_table in array array['customers', 'conversations', 'messages', 'ai_drafts'] loop
    execute format($policies$
      create policy %1$s_select on public.%1$I for select to authenticated
        using (org_id in (select roster.orgs_with(%2$L)));
      create policy %1$s_insert on public.%1$I for insert to authenticated
        with check (org_id in (select roster.orgs_with(%3$L)));
      create policy %1$s_update on public.%1$I for update to authenticated
        using (org_id in (select roster.orgs_with(%3$L)))
        with check (org_id in (select roster.orgs_with(%3$L)));
      create policy %1$s_delete on public.%1$I for delete to authenticated
        using (org_id in (select roster.orgs_with(%3$L)));
    $policies$, v_table, v_table || '.read', v_table || '.write');
  end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Privileges: Supabase grants everything in `public` by default; take it back, then grant the
-- columns each role may write (org_id never changes, ids and timestamps come from defaults)
-- ---------------------------------------------------------------------------------------------
revoke all on public.customers, public.conversations, public.messages, public.ai_drafts
  from public, anon, authenticated, service_role;
grant select, delete on public.customers, public.conversations, public.messages, public.ai_drafts to authenticated;
grant insert (org_id, name, email, phone, notes), update (name, email, phone, notes) on public.customers to authenticated;
grant insert (org_id, customer_id, channel, subject, status, assigned_to), update (channel, subject, status, assigned_to)
  on public.conversations to authenticated;
grant insert (org_id, conversation_id, direction, author_kind, body), update (body) on public.messages to authenticated;
grant insert (org_id, conversation_id, body, status, model), update (body, status, model) on public.ai_drafts to authenticated;
grant select, insert, update, delete on public.customers, public.conversations, public.messages, public.ai_drafts
  to service_role;

-- ---------------------------------------------------------------------------------------------
-- An audited app action: closing a conversation writes conversations.closed into the org's log
-- ---------------------------------------------------------------------------------------------
-- SECURITY DEFINER (owned by postgres) so it may call roster.audit; it checks the permission itself
-- the way Roster's RPCs do: not a reader of the conversation -> not_found, reader without
-- conversations.write -> forbidden. Closing a closed conversation changes nothing and logs nothing.
create function public.close_conversation(p_conversation_id uuid, p_reason text default null)
returns public.conversations
language plpgsql security definer set search_path = '' as $$
declare
  v_row public.conversations;
  v_status text;
begin
  select * into v_row from public.conversations c
  where c.id = p_conversation_id and c.org_id in (select roster.orgs_with('conversations.read'))
  for update;
  if not found then
    raise exception using errcode = 'PT404', hint = 'not_found', message = 'Conversation not found.';
  end if;
  if v_row.org_id not in (select roster.orgs_with('conversations.write')) then
    raise exception using errcode = '42501', hint = 'forbidden', message = 'You may not close conversations.';
  end if;
  if v_row.status = 'closed' then
    return v_row;
  end if;
  v_status := v_row.status;
  update public.conversations c set status = 'closed' where c.id = v_row.id returning * into v_row;
  perform roster.audit(v_row.org_id, 'conversations.closed', p_reason => p_reason,
    p_before => pg_catalog.jsonb_build_object('id', v_row.id, 'subject', v_row.subject, 'status', v_status),
    p_after => pg_catalog.jsonb_build_object('id', v_row.id, 'subject', v_row.subject, 'status', 'closed'));
  return v_row;
end
$$;
revoke all on function public.close_conversation(uuid, text) from public, anon, authenticated, service_role;
grant execute on function public.close_conversation(uuid, text) to authenticated;

-- Postgres grants EXECUTE on every new function to PUBLIC; Roster grants its functions explicitly.
revoke execute on all functions in schema roster, roster_private from public;
