-- Issue 10, finding 2: the hourly invitation limit is enforced by the database, in the
-- transaction that creates (or resends) the invitations, so neither parallel requests nor a
-- direct RPC call that skips the `invitations` edge function can overrun it.

-- Limits that guard cost or abuse, per organization over a rolling window. Operators change a
-- limit with SQL (`update roster_private.limits set max_events = 500 where name = 'invitation_emails'`);
-- no API role can read or write this table.
create table roster_private.limits (
  name text primary key,
  max_events integer not null constraint limits_max_events_positive check (max_events > 0),
  per_window interval not null constraint limits_window_positive check (per_window > interval '0')
);
alter table roster_private.limits enable row level security;
revoke all on roster_private.limits from public, anon, authenticated, service_role;
comment on table roster_private.limits is 'Per-organization limits enforced by the database (issue 10).';

insert into roster_private.limits (name, max_events, per_window) values
  -- invitation emails (creates and resends together) per organization per rolling hour
  ('invitation_emails', 100, interval '1 hour');

-- rate_limited now comes from the database too: PT429 is PostgREST's custom-status SQLSTATE
-- for HTTP 429 (as PT404 is for 404).
create or replace function roster_private.fail(p_hint text, p_message text) returns void
language plpgsql volatile set search_path = '' as $$
begin
  raise exception using
    errcode = case
      when p_hint in ('forbidden', 'role_too_high', 'invitation_email_mismatch') then '42501'
      when p_hint in ('not_found', 'invalid_token') then 'PT404'
      when p_hint in ('already_member', 'invitation_pending', 'transfer_pending', 'slug_taken') then '23505'
      when p_hint in ('invalid_input', 'reason_required') then '22023'
      when p_hint = 'rate_limited' then 'PT429'
      else 'P0001' end,
    message = p_message,
    hint = p_hint;
end
$$;

-- Every invitation email is recorded as an `invitation.created` or `invitation.resent` event,
-- whichever RPC writes it, so the limit is counted where those events are written. Why it
-- cannot race: the chain trigger (BEFORE INSERT) has already locked the organization row, and
-- RPCs lock it even earlier, so writers of one org's events run one at a time until commit; this
-- count is a new statement, so under READ COMMITTED its snapshot is taken after the lock was
-- granted and sees every event the previous holder committed, plus this transaction's own.
-- Over the limit, the whole call rolls back: no invitation, no event, no email.
create function roster_private.enforce_invitation_email_limit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_limit roster_private.limits;
  v_used integer;
begin
  select * into v_limit from roster_private.limits l where l.name = 'invitation_emails';
  if not found then
    return null;
  end if;
  select count(*) into v_used from roster.audit_events e
  where e.org_id = new.org_id
    and e.action in ('invitation.created', 'invitation.resent')
    and e.occurred_at > now() - v_limit.per_window;
  if v_used > v_limit.max_events then
    perform roster_private.fail('rate_limited', format(
      'This organization can send %s invitation emails per %s. Try again later or invite fewer people.',
      v_limit.max_events, v_limit.per_window));
  end if;
  return null;
end
$$;
revoke all on function roster_private.enforce_invitation_email_limit() from public, anon, authenticated, service_role;

create trigger audit_events_invitation_email_limit after insert on roster.audit_events
  for each row when (new.action in ('invitation.created', 'invitation.resent'))
  execute function roster_private.enforce_invitation_email_limit();
