-- Who may read what: RLS on every public table, security_invoker views for the SPA's read
-- paths, and privileges revoked wholesale then granted back exactly. API roles never get
-- insert/update/delete on membership state; writes go through the RPCs.

-- ---------------------------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------------------------
alter table roster.organizations enable row level security;
alter table roster.permissions enable row level security;
alter table roster.role_permissions enable row level security;
alter table roster.profiles enable row level security;
alter table roster.memberships enable row level security;
alter table roster.invitations enable row level security;
alter table roster.ownership_transfers enable row level security;
alter table roster.audit_events enable row level security;
alter table public.customers enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;
alter table public.ai_drafts enable row level security;

-- Active members read their live organizations.
create policy organizations_select on roster.organizations for select to authenticated
  using (id in (select roster_private.active_org_ids()));

-- Any signed-in user reads the permission catalog.
create policy permissions_select on roster.permissions for select to authenticated
  using (true);

-- Every active member reads their org's permission matrix.
create policy role_permissions_select on roster.role_permissions for select to authenticated
  using (org_id in (select roster_private.active_org_ids()));

-- Users read their own profile and the profiles of people in orgs where they hold members.read.
create policy profiles_select on roster.profiles for select to authenticated
  using (user_id in (select roster_private.visible_user_ids()));

-- members.read holders read the org's memberships; every active member reads their own row.
create policy memberships_select on roster.memberships for select to authenticated
  using (org_id in (select roster_private.org_ids_with('members.read'))
         or (user_id = (select auth.uid()) and org_id in (select roster_private.active_org_ids())));

-- members.read holders read the org's invitations (token_hash is not granted to any API role).
create policy invitations_select on roster.invitations for select to authenticated
  using (org_id in (select roster_private.org_ids_with('members.read')));

-- members.read holders, and the two people involved while active members, read transfers.
create policy ownership_transfers_select on roster.ownership_transfers for select to authenticated
  using (org_id in (select roster_private.org_ids_with('members.read'))
         or ((select auth.uid()) in (from_user_id, to_user_id) and org_id in (select roster_private.active_org_ids())));

-- audit.read holders read the org's audit events.
create policy audit_events_select on roster.audit_events for select to authenticated
  using (org_id in (select roster_private.org_ids_with('audit.read')));

-- customers.read holders read customers.
create policy customers_select on public.customers for select to authenticated
  using (org_id in (select roster_private.org_ids_with('customers.read')));
-- customers.write holders add customers to their org.
create policy customers_insert on public.customers for insert to authenticated
  with check (org_id in (select roster_private.org_ids_with('customers.write')));
-- customers.write holders edit customers of their org.
create policy customers_update on public.customers for update to authenticated
  using (org_id in (select roster_private.org_ids_with('customers.write')))
  with check (org_id in (select roster_private.org_ids_with('customers.write')));
-- customers.write holders delete customers of their org.
create policy customers_delete on public.customers for delete to authenticated
  using (org_id in (select roster_private.org_ids_with('customers.write')));

-- conversations.read holders read conversations.
create policy conversations_select on public.conversations for select to authenticated
  using (org_id in (select roster_private.org_ids_with('conversations.read')));
-- conversations.write holders open conversations in their org.
create policy conversations_insert on public.conversations for insert to authenticated
  with check (org_id in (select roster_private.org_ids_with('conversations.write')));
-- conversations.write holders edit conversations of their org.
create policy conversations_update on public.conversations for update to authenticated
  using (org_id in (select roster_private.org_ids_with('conversations.write')))
  with check (org_id in (select roster_private.org_ids_with('conversations.write')));
-- conversations.write holders delete conversations of their org.
create policy conversations_delete on public.conversations for delete to authenticated
  using (org_id in (select roster_private.org_ids_with('conversations.write')));

-- messages.read holders read messages.
create policy messages_select on public.messages for select to authenticated
  using (org_id in (select roster_private.org_ids_with('messages.read')));
-- messages.write holders post messages in their org.
create policy messages_insert on public.messages for insert to authenticated
  with check (org_id in (select roster_private.org_ids_with('messages.write')));
-- messages.write holders edit messages of their org.
create policy messages_update on public.messages for update to authenticated
  using (org_id in (select roster_private.org_ids_with('messages.write')))
  with check (org_id in (select roster_private.org_ids_with('messages.write')));
-- messages.write holders delete messages of their org.
create policy messages_delete on public.messages for delete to authenticated
  using (org_id in (select roster_private.org_ids_with('messages.write')));

-- ai_drafts.read holders read AI drafts.
create policy ai_drafts_select on public.ai_drafts for select to authenticated
  using (org_id in (select roster_private.org_ids_with('ai_drafts.read')));
-- ai_drafts.write holders create AI drafts in their org.
create policy ai_drafts_insert on public.ai_drafts for insert to authenticated
  with check (org_id in (select roster_private.org_ids_with('ai_drafts.write')));
-- ai_drafts.write holders edit AI drafts of their org.
create policy ai_drafts_update on public.ai_drafts for update to authenticated
  using (org_id in (select roster_private.org_ids_with('ai_drafts.write')))
  with check (org_id in (select roster_private.org_ids_with('ai_drafts.write')));
-- ai_drafts.write holders delete AI drafts of their org.
create policy ai_drafts_delete on public.ai_drafts for delete to authenticated
  using (org_id in (select roster_private.org_ids_with('ai_drafts.write')));

-- ---------------------------------------------------------------------------------------------
-- Views (security_invoker: the caller's RLS applies to every table they read)
-- ---------------------------------------------------------------------------------------------
create view roster.member_directory with (security_invoker = true) as
select
  m.id as membership_id,
  m.org_id,
  o.slug as org_slug,
  o.name as org_name,
  m.user_id,
  p.display_name,
  p.email,
  m.role,
  m.status,
  m.invited_by,
  inviter.display_name as invited_by_name,
  m.joined_at,
  m.last_active_at,
  m.suspended_at,
  m.suspended_by,
  m.suspended_reason,
  m.removed_at,
  m.removed_by,
  m.removed_reason,
  m.updated_at
from roster.memberships m
join roster.organizations o on o.id = m.org_id
left join roster.profiles p on p.user_id = m.user_id
left join roster.profiles inviter on inviter.user_id = m.invited_by
where m.org_id in (select roster_private.org_ids_with('members.read'));
comment on view roster.member_directory is 'Members (all statuses) of orgs where the caller holds members.read.';

create view roster.my_memberships with (security_invoker = true) as
select
  m.id as membership_id,
  m.org_id,
  o.slug as org_slug,
  o.name as org_name,
  o.is_personal,
  m.role,
  m.status,
  m.joined_at,
  m.last_active_at
from roster.memberships m
join roster.organizations o on o.id = m.org_id
where m.user_id = (select auth.uid()) and m.status = 'active' and o.deleted_at is null;
comment on view roster.my_memberships is 'The caller''s active memberships in live orgs (org switcher).';

create view roster.invitation_list with (security_invoker = true) as
select
  i.id,
  i.org_id,
  i.email,
  i.role,
  roster_private.invitation_effective_status(i.status, i.expires_at) as status,
  i.invited_by,
  inviter.display_name as invited_by_name,
  i.message,
  i.created_at,
  i.expires_at,
  i.accepted_at,
  i.accepted_by,
  i.declined_at,
  i.revoked_at,
  i.revoked_by,
  i.delivery_status,
  i.delivery_error,
  i.send_count,
  i.last_sent_at
from roster.invitations i
left join roster.profiles inviter on inviter.user_id = i.invited_by;
comment on view roster.invitation_list is 'Invitations of orgs where the caller holds members.read; status reads expired once past expires_at. Never exposes token_hash.';

create view roster.my_pending_transfers with (security_invoker = true) as
select
  t.id,
  t.org_id,
  o.slug as org_slug,
  o.name as org_name,
  t.from_user_id,
  t.to_user_id,
  t.requested_at,
  t.expires_at,
  (t.to_user_id = (select auth.uid())) as is_recipient
from roster.ownership_transfers t
join roster.organizations o on o.id = t.org_id
where t.status = 'pending' and t.expires_at > now()
  and (select auth.uid()) in (t.from_user_id, t.to_user_id);
comment on view roster.my_pending_transfers is 'Pending, unexpired ownership transfers the caller requested or was asked to accept.';

-- The views are read-only. Postgres refuses writes to join views as "not updatable" (55000,
-- which PostgREST answers with a 500) before it checks privileges; with an INSTEAD OF trigger in
-- place the privilege check comes first, so API roles get a clean 42501 and everyone else this.
create function roster_private.refuse_view_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', hint = 'forbidden',
    message = tg_table_name || ' is read-only; change membership state through the RPCs.';
end
$$;
create trigger member_directory_read_only instead of insert or update or delete on roster.member_directory
  for each row execute function roster_private.refuse_view_write();
create trigger my_memberships_read_only instead of insert or update or delete on roster.my_memberships
  for each row execute function roster_private.refuse_view_write();
create trigger invitation_list_read_only instead of insert or update or delete on roster.invitation_list
  for each row execute function roster_private.refuse_view_write();
create trigger my_pending_transfers_read_only instead of insert or update or delete on roster.my_pending_transfers
  for each row execute function roster_private.refuse_view_write();

-- ---------------------------------------------------------------------------------------------
-- Privileges: revoke everything, then grant exactly what each role needs
-- ---------------------------------------------------------------------------------------------
revoke all on all tables in schema public from public, anon, authenticated, service_role;
revoke all on all sequences in schema public from public, anon, authenticated, service_role;
revoke all on all functions in schema public from public, anon, authenticated, service_role;
revoke all on all tables in schema private from public, anon, authenticated, service_role;
revoke all on all functions in schema private from public, anon, authenticated, service_role;

-- policies and views call these three helpers as the querying role
grant usage on schema private to authenticated;
grant execute on function roster_private.org_ids_with(text), roster_private.active_org_ids(), roster_private.visible_user_ids(),
  roster_private.invitation_effective_status(roster.invitation_status, timestamptz) to authenticated;

-- authenticated: reads under RLS
grant select on roster.organizations, roster.permissions, roster.role_permissions, roster.profiles,
  roster.memberships, roster.ownership_transfers, roster.audit_events to authenticated;
grant select (id, org_id, email, role, invited_by, message, created_at, expires_at, status, accepted_at, accepted_by,
  declined_at, revoked_at, revoked_by, delivery_status, delivery_error, send_count, last_sent_at)
  on roster.invitations to authenticated;
grant select on roster.member_directory, roster.my_memberships, roster.invitation_list, roster.my_pending_transfers
  to authenticated;

-- authenticated: demo tenant tables, guarded by the area's .read/.write permissions
grant select, delete on public.customers, public.conversations, public.messages, public.ai_drafts to authenticated;
grant insert (org_id, name, email, phone, notes), update (name, email, phone, notes) on public.customers to authenticated;
grant insert (org_id, customer_id, channel, subject, status, assigned_to), update (channel, subject, status, assigned_to)
  on public.conversations to authenticated;
grant insert (org_id, conversation_id, direction, author_kind, body), update (body) on public.messages to authenticated;
grant insert (org_id, conversation_id, body, status, model), update (body, status, model) on public.ai_drafts to authenticated;

-- service_role (edge functions): reads, demo data, and its own RPCs; membership state only via RPCs
grant select on roster.organizations, roster.permissions, roster.role_permissions, roster.profiles,
  roster.memberships, roster.invitations, roster.ownership_transfers, roster.audit_events,
  public.customers, public.conversations, public.messages, public.ai_drafts to service_role;
grant insert, update, delete on public.customers, public.conversations, public.messages, public.ai_drafts to service_role;

-- RPCs for signed-in users
grant execute on function
  roster.create_organization(text, text, text, text),
  roster.update_organization(text, text, text, text, integer),
  roster.delete_organization(text, text),
  roster.create_invitations(text, text[], text, text),
  roster.resend_invitation(text),
  roster.revoke_invitation(text),
  roster.accept_invitation(text),
  roster.decline_invitation(text),
  roster.change_member_role(text, text, text, text),
  roster.suspend_member(text, text, text),
  roster.reactivate_member(text, text, text),
  roster.remove_member(text, text, text),
  roster.leave_organization(text),
  roster.touch_membership(text),
  roster.request_ownership_transfer(text, text, text),
  roster.accept_ownership_transfer(text),
  roster.decline_ownership_transfer(text),
  roster.cancel_ownership_transfer(text),
  roster.set_role_permissions(text, text, text[]),
  roster.verify_audit_chain(text),
  roster.record_audit_export(text, text, jsonb, bigint),
  roster.update_profile(text)
to authenticated;

-- RPCs for the service role only (edge functions, support CLI, schedulers)
grant execute on function
  roster.get_invitation_preview(text),
  roster.support_restore_access(text, text, text, text),
  roster.expire_stale(),
  roster.mark_invitation_delivery(text, text, text)
to service_role;
