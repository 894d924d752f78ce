-- Local demo data, applied after migrations on a fresh database (npm run db:reset).
-- Every demo user signs in with the password `roster-demo`:
--   Tehran Dental (slug tehran-dental)
--     amelia@tehrandental.co   Amelia Hart    owner
--     daniel@tehrandental.co   Daniel Cho     admin
--     priya@tehrandental.co    Priya Raman    member
--     marcus@tehrandental.co   Marcus Lee     member
--     renee@tehrandental.co    Renée Okafor   member (suspended)
--     tomas@tehrandental.co    Tomás Vidal    viewer (removed)
--     sofia@tehrandental.co    Sofia Alvarez  has no account yet: pending viewer invitation
--   Northwind Clinic (slug northwind-clinic)
--     nora@northwind.example   Nora Lindqvist owner
--     oliver@northwind.example Oliver Brandt  member
-- Everything runs in one transaction: the personal-organization trigger on auth.users is
-- deferred to commit, by which time every demo user already has a membership (Sofia has none
-- and no account). Audit events are written through roster_private.write_audit in time order, so each
-- org's hash chain verifies (select * from roster.verify_audit_chain(...) as an audit reader).
begin;

-- Users are written the way Supabase Auth writes them (supabase/auth internal/api/admin.go, a user
-- created with email_confirm): the all-zeros instance id it looks users up by, '' in the token
-- columns it reads as strings, and an `email` identity, so they sign in on real Supabase Auth too.
with demo (id, email, full_name, created_ago) as (values
  ('00000000-0000-4000-a000-000000000001'::uuid, 'amelia@tehrandental.co', 'Amelia Hart', interval '61 days'),
  ('00000000-0000-4000-a000-000000000002'::uuid, 'daniel@tehrandental.co', 'Daniel Cho', interval '59 days'),
  ('00000000-0000-4000-a000-000000000003'::uuid, 'priya@tehrandental.co', 'Priya Raman', interval '45 days'),
  ('00000000-0000-4000-a000-000000000004'::uuid, 'marcus@tehrandental.co', 'Marcus Lee', interval '30 days'),
  ('00000000-0000-4000-a000-000000000005'::uuid, 'renee@tehrandental.co', 'Renée Okafor', interval '28 days'),
  ('00000000-0000-4000-a000-000000000006'::uuid, 'tomas@tehrandental.co', 'Tomás Vidal', interval '25 days'),
  ('00000000-0000-4000-a000-000000000007'::uuid, 'nora@northwind.example', 'Nora Lindqvist', interval '41 days'),
  ('00000000-0000-4000-a000-000000000008'::uuid, 'oliver@northwind.example', 'Oliver Brandt', interval '33 days')
), users as (
  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    confirmation_token, recovery_token, email_change_token_new, email_change,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
  select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email,
         extensions.crypt('roster-demo', extensions.gen_salt('bf', 10)), now() - created_ago, '', '', '', '',
         '{"provider":"email","providers":["email"]}',
         jsonb_build_object('full_name', full_name, 'email_verified', true),
         now() - created_ago, now() - created_ago
  from demo
  returning id, email, created_at
)
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select id::text, id,
       jsonb_build_object('sub', id::text, 'email', email, 'email_verified', true, 'phone_verified', false),
       'email', created_at, created_at, created_at
from users;

do $seed$
declare
  td constant uuid := '10000000-0000-4000-a000-000000000001';  -- Tehran Dental
  nw constant uuid := '10000000-0000-4000-a000-000000000002';  -- Northwind Clinic
  amelia constant uuid := '00000000-0000-4000-a000-000000000001';
  daniel constant uuid := '00000000-0000-4000-a000-000000000002';
  priya constant uuid := '00000000-0000-4000-a000-000000000003';
  marcus constant uuid := '00000000-0000-4000-a000-000000000004';
  renee constant uuid := '00000000-0000-4000-a000-000000000005';
  tomas constant uuid := '00000000-0000-4000-a000-000000000006';
  nora constant uuid := '00000000-0000-4000-a000-000000000007';
  oliver constant uuid := '00000000-0000-4000-a000-000000000008';
  ua_mac constant text := 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
  ua_win constant text := 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  ua_iphone constant text := 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
  inv_id uuid;
  c1 uuid; c2 uuid; c3 uuid; c4 uuid; c5 uuid;
  v1 uuid; v2 uuid; v3 uuid; v4 uuid;
begin
  -- Writes one audit event as if it came through PostgREST from the given address and browser.
  create function pg_temp.ev(p_org uuid, p_at timestamptz, p_actor uuid, p_action text, p_ip text, p_ua text,
    p_target uuid default null, p_target_email text default null, p_invitation uuid default null,
    p_reason text default null, p_before jsonb default null, p_after jsonb default null) returns void
  language plpgsql as $fn$
  begin
    perform set_config('request.headers', jsonb_build_object('cf-connecting-ip', p_ip, 'user-agent', p_ua)::text, true);
    perform roster_private.write_audit(p_org, p_action, p_target_user_id => p_target, p_target_email => p_target_email,
      p_target_invitation_id => p_invitation, p_reason => p_reason, p_before => p_before, p_after => p_after,
      p_actor_kind => case when p_actor is null then 'system' else 'user' end::roster.actor_kind,
      p_actor_id => p_actor, p_occurred_at => p_at);
    perform set_config('request.headers', '', true);
  end
  $fn$;

  -- Accepted invitations keep their history row; tokens are random and long gone.
  create function pg_temp.accepted_invitation(p_org uuid, p_email text, p_role roster.org_role, p_by uuid,
    p_at timestamptz, p_accepted_at timestamptz, p_user uuid) returns uuid
  language sql as $fn$
    insert into roster.invitations (org_id, email, role, token_hash, invited_by, created_at, expires_at, status,
      accepted_at, accepted_by, delivery_status, send_count, last_sent_at)
    values (p_org, p_email, p_role, roster_private.hash_token(roster_private.new_token()), p_by, p_at, p_at + interval '48 hours',
      'accepted', p_accepted_at, p_user, 'sent', 1, p_at)
    returning id
  $fn$;

  -- ------------------------------------------------------------------------------------------
  -- Tehran Dental
  -- ------------------------------------------------------------------------------------------
  insert into roster.organizations (id, slug, name, legal_name, description, created_at, created_by, updated_at)
  values (td, 'tehran-dental', 'Tehran Dental', 'Tehran Dental Care LLC',
          'Family dental clinic. The voice assistant answers after-hours calls and books cleanings.',
          now() - interval '60 days', amelia, now() - interval '20 days');
  insert into roster.memberships (org_id, user_id, role, status, joined_at, last_active_at)
  values (td, amelia, 'owner', 'active', now() - interval '60 days', now() - interval '2 minutes');
  perform pg_temp.ev(td, now() - interval '60 days', amelia, 'org.created', '203.0.113.24', ua_mac, amelia,
    p_after => jsonb_build_object('name', 'Tehran Dental', 'slug', 'tehran-dental', 'legal_name', null,
      'description', null, 'is_personal', false));

  -- Daniel, admin
  inv_id := pg_temp.accepted_invitation(td, 'daniel@tehrandental.co', 'admin', amelia,
    now() - interval '59 days 6 hours', now() - interval '59 days 2 hours', daniel);
  perform pg_temp.ev(td, now() - interval '59 days 6 hours', amelia, 'invitation.created', '203.0.113.24', ua_mac,
    p_target_email => 'daniel@tehrandental.co', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'daniel@tehrandental.co', 'role', 'admin'));
  insert into roster.memberships (org_id, user_id, role, status, invited_by, joined_at, last_active_at)
  values (td, daniel, 'admin', 'active', amelia, now() - interval '59 days 2 hours', now() - interval '27 minutes');
  perform pg_temp.ev(td, now() - interval '59 days 2 hours', daniel, 'invitation.accepted', '198.51.100.7', ua_win, daniel,
    p_invitation => inv_id, p_after => jsonb_build_object('status', 'active', 'role', 'admin'));

  -- An invitation sent to a typo'd address and revoked
  insert into roster.invitations (org_id, email, role, token_hash, invited_by, created_at, expires_at, status,
    revoked_at, revoked_by, delivery_status, send_count, last_sent_at)
  values (td, 'pirya@tehrandental.co', 'member', roster_private.hash_token(roster_private.new_token()), daniel,
    now() - interval '46 days', now() - interval '44 days', 'revoked', now() - interval '45 days 23 hours', daniel,
    'sent', 1, now() - interval '46 days')
  returning id into inv_id;
  perform pg_temp.ev(td, now() - interval '46 days', daniel, 'invitation.created', '198.51.100.7', ua_win,
    p_target_email => 'pirya@tehrandental.co', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'pirya@tehrandental.co', 'role', 'member'));
  perform pg_temp.ev(td, now() - interval '45 days 23 hours', daniel, 'invitation.revoked', '198.51.100.7', ua_win,
    p_target_email => 'pirya@tehrandental.co', p_invitation => inv_id,
    p_before => jsonb_build_object('status', 'pending', 'role', 'member'), p_after => jsonb_build_object('status', 'revoked'));

  -- Priya, member
  inv_id := pg_temp.accepted_invitation(td, 'priya@tehrandental.co', 'member', daniel,
    now() - interval '45 days 22 hours', now() - interval '45 days', priya);
  perform pg_temp.ev(td, now() - interval '45 days 22 hours', daniel, 'invitation.created', '198.51.100.7', ua_win,
    p_target_email => 'priya@tehrandental.co', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'priya@tehrandental.co', 'role', 'member'));
  insert into roster.memberships (org_id, user_id, role, status, invited_by, joined_at, last_active_at)
  values (td, priya, 'member', 'active', daniel, now() - interval '45 days', now() - interval '1 hour');
  perform pg_temp.ev(td, now() - interval '45 days', priya, 'invitation.accepted', '192.0.2.41', ua_iphone, priya,
    p_invitation => inv_id, p_after => jsonb_build_object('status', 'active', 'role', 'member'));

  -- Marcus, joined as viewer, later promoted to member
  inv_id := pg_temp.accepted_invitation(td, 'marcus@tehrandental.co', 'viewer', daniel,
    now() - interval '30 days 3 hours', now() - interval '30 days', marcus);
  perform pg_temp.ev(td, now() - interval '30 days 3 hours', daniel, 'invitation.created', '198.51.100.7', ua_win,
    p_target_email => 'marcus@tehrandental.co', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'marcus@tehrandental.co', 'role', 'viewer'));
  insert into roster.memberships (org_id, user_id, role, status, invited_by, joined_at, last_active_at)
  values (td, marcus, 'member', 'active', daniel, now() - interval '30 days', now() - interval '1 day 2 hours');
  perform pg_temp.ev(td, now() - interval '30 days', marcus, 'invitation.accepted', '192.0.2.88', ua_mac, marcus,
    p_invitation => inv_id, p_after => jsonb_build_object('status', 'active', 'role', 'viewer'));

  -- Renée, member (suspended later)
  inv_id := pg_temp.accepted_invitation(td, 'renee@tehrandental.co', 'member', amelia,
    now() - interval '28 days 5 hours', now() - interval '28 days', renee);
  perform pg_temp.ev(td, now() - interval '28 days 5 hours', amelia, 'invitation.created', '203.0.113.24', ua_mac,
    p_target_email => 'renee@tehrandental.co', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'renee@tehrandental.co', 'role', 'member'));
  insert into roster.memberships (org_id, user_id, role, status, invited_by, joined_at, last_active_at,
    suspended_at, suspended_by, suspended_reason)
  values (td, renee, 'member', 'suspended', amelia, now() - interval '28 days', now() - interval '5 days 1 hour',
    now() - interval '5 days', amelia, 'Extended leave; access paused until she returns.');
  perform pg_temp.ev(td, now() - interval '28 days', renee, 'invitation.accepted', '192.0.2.130', ua_win, renee,
    p_invitation => inv_id, p_after => jsonb_build_object('status', 'active', 'role', 'member'));

  -- Tomás, viewer (removed later)
  inv_id := pg_temp.accepted_invitation(td, 'tomas@tehrandental.co', 'viewer', daniel,
    now() - interval '25 days 4 hours', now() - interval '25 days', tomas);
  perform pg_temp.ev(td, now() - interval '25 days 4 hours', daniel, 'invitation.created', '198.51.100.7', ua_win,
    p_target_email => 'tomas@tehrandental.co', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'tomas@tehrandental.co', 'role', 'viewer'));
  insert into roster.memberships (org_id, user_id, role, status, invited_by, joined_at, last_active_at,
    removed_at, removed_by, removed_reason)
  values (td, tomas, 'viewer', 'removed', daniel, now() - interval '25 days', now() - interval '14 days 3 hours',
    now() - interval '14 days', daniel, 'Temporary billing contract ended.');
  perform pg_temp.ev(td, now() - interval '25 days', tomas, 'invitation.accepted', '192.0.2.201', ua_mac, tomas,
    p_invitation => inv_id, p_after => jsonb_build_object('status', 'active', 'role', 'viewer'));

  perform pg_temp.ev(td, now() - interval '20 days', amelia, 'org.updated', '203.0.113.24', ua_mac,
    p_before => jsonb_build_object('legal_name', null, 'description', null),
    p_after => jsonb_build_object('legal_name', 'Tehran Dental Care LLC',
      'description', 'Family dental clinic. The voice assistant answers after-hours calls and books cleanings.'));

  perform pg_temp.ev(td, now() - interval '14 days', daniel, 'member.removed', '198.51.100.7', ua_win, tomas,
    p_reason => 'Temporary billing contract ended.',
    p_before => jsonb_build_object('status', 'active', 'role', 'viewer'),
    p_after => jsonb_build_object('status', 'removed', 'role', 'viewer'));

  perform pg_temp.ev(td, now() - interval '10 days', daniel, 'member.role_changed', '198.51.100.7', ua_win, marcus,
    p_reason => 'Now handling front-desk chats and patient follow-ups.',
    p_before => jsonb_build_object('role', 'viewer'), p_after => jsonb_build_object('role', 'member'));

  perform pg_temp.ev(td, now() - interval '5 days', amelia, 'member.suspended', '203.0.113.24', ua_mac, renee,
    p_reason => 'Extended leave; access paused until she returns.',
    p_before => jsonb_build_object('status', 'active', 'role', 'member'),
    p_after => jsonb_build_object('status', 'suspended', 'role', 'member'));

  perform pg_temp.ev(td, now() - interval '3 days', amelia, 'audit.exported', '203.0.113.24', ua_mac,
    p_after => jsonb_build_object('format', 'csv', 'filters', jsonb_build_object('from', (now() - interval '90 days')::date),
      'row_count', 17));

  -- Sofia: pending viewer invitation (she has not signed up yet)
  insert into roster.invitations (org_id, email, role, token_hash, invited_by, message, created_at, expires_at,
    delivery_status, send_count, last_sent_at)
  values (td, 'sofia@tehrandental.co', 'viewer', roster_private.hash_token(roster_private.new_token()), daniel,
    'Hi Sofia, this gives you read access to the inbox before your first shift.',
    now() - interval '1 day', now() + interval '1 day', 'sent', 1, now() - interval '1 day')
  returning id into inv_id;
  perform pg_temp.ev(td, now() - interval '1 day', daniel, 'invitation.created', '198.51.100.7', ua_win,
    p_target_email => 'sofia@tehrandental.co', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'sofia@tehrandental.co', 'role', 'viewer',
      'expires_at', now() + interval '1 day'));

  -- Demo tenant data
  insert into public.customers (org_id, name, email, phone, notes, created_at, created_by) values
    (td, 'Leila Karimi', 'leila.karimi@example.com', '+1 415 555 0142', 'Prefers morning appointments. Sensitive to cold.', now() - interval '50 days', priya)
    returning id into c1;
  insert into public.customers (org_id, name, email, phone, notes, created_at, created_by) values
    (td, 'Arash Moradi', 'arash.moradi@example.com', '+1 415 555 0178', 'Orthodontic consult pending insurance approval.', now() - interval '40 days', priya)
    returning id into c2;
  insert into public.customers (org_id, name, email, phone, notes, created_at, created_by) values
    (td, 'Hannah Brooks', 'hannah.brooks@example.com', '+1 628 555 0113', null, now() - interval '21 days', marcus)
    returning id into c3;
  insert into public.customers (org_id, name, email, phone, notes, created_at, created_by) values
    (td, 'Samuel Ortiz', null, '+1 510 555 0199', 'Called after hours twice; no email on file.', now() - interval '6 days', marcus)
    returning id into c4;

  insert into public.conversations (org_id, customer_id, channel, subject, status, assigned_to, created_at, created_by)
  values (td, c1, 'voice', 'Reschedule cleaning', 'closed', priya, now() - interval '9 days', priya) returning id into v1;
  insert into public.conversations (org_id, customer_id, channel, subject, status, assigned_to, created_at, created_by)
  values (td, c2, 'chat', 'Insurance coverage for aligners', 'pending', marcus, now() - interval '2 days', marcus) returning id into v2;
  insert into public.conversations (org_id, customer_id, channel, subject, status, assigned_to, created_at, created_by)
  values (td, c4, 'sms', 'Toothache after hours', 'open', null, now() - interval '3 hours', null) returning id into v3;

  insert into public.messages (org_id, conversation_id, direction, author_kind, body, created_at, created_by) values
    (td, v1, 'inbound', 'customer', 'Hi, I need to move my cleaning on Thursday to next week.', now() - interval '9 days', null),
    (td, v1, 'outbound', 'assistant', 'Of course. I can offer Tuesday at 9:30 or Wednesday at 11:00. Which works better?', now() - interval '9 days' + interval '1 minute', null),
    (td, v1, 'inbound', 'customer', 'Tuesday 9:30 please.', now() - interval '9 days' + interval '3 minutes', null),
    (td, v1, 'outbound', 'agent', 'Booked for Tuesday 9:30. See you then, Leila!', now() - interval '9 days' + interval '20 minutes', priya),
    (td, v2, 'inbound', 'customer', 'Does my plan cover clear aligners?', now() - interval '2 days', null),
    (td, v2, 'outbound', 'agent', 'Checking with your insurer now; I will follow up tomorrow.', now() - interval '2 days' + interval '15 minutes', marcus),
    (td, v3, 'inbound', 'customer', 'Sharp pain in lower left molar since dinner. Is anyone available?', now() - interval '3 hours', null);

  insert into public.ai_drafts (org_id, conversation_id, body, status, model, created_at, created_by) values
    (td, v2, 'Good news: your plan covers 50% of clear aligner treatment up to $1,500. Would you like to book a consult?', 'draft', 'roster-demo-llm', now() - interval '1 day', marcus),
    (td, v3, 'I''m sorry you''re in pain. Our on-call dentist can see you at 8:00 tomorrow. Rinse with warm salt water tonight; if swelling spreads, go to urgent care.', 'draft', 'roster-demo-llm', now() - interval '2 hours', null);

  -- ------------------------------------------------------------------------------------------
  -- Northwind Clinic (a separate tenant: nobody above can see any of it)
  -- ------------------------------------------------------------------------------------------
  insert into roster.organizations (id, slug, name, legal_name, description, invitation_lifetime_hours, created_at, created_by, updated_at)
  values (nw, 'northwind-clinic', 'Northwind Clinic', 'Northwind Health Partners Inc.', 'Physiotherapy and sports medicine.',
          72, now() - interval '40 days', nora, now() - interval '40 days');
  insert into roster.memberships (org_id, user_id, role, status, joined_at, last_active_at)
  values (nw, nora, 'owner', 'active', now() - interval '40 days', now() - interval '3 hours');
  perform pg_temp.ev(nw, now() - interval '40 days', nora, 'org.created', '198.18.0.12', ua_mac, nora,
    p_after => jsonb_build_object('name', 'Northwind Clinic', 'slug', 'northwind-clinic', 'legal_name', 'Northwind Health Partners Inc.',
      'description', 'Physiotherapy and sports medicine.', 'is_personal', false));
  inv_id := pg_temp.accepted_invitation(nw, 'oliver@northwind.example', 'member', nora,
    now() - interval '33 days 2 hours', now() - interval '33 days', oliver);
  perform pg_temp.ev(nw, now() - interval '33 days 2 hours', nora, 'invitation.created', '198.18.0.12', ua_mac,
    p_target_email => 'oliver@northwind.example', p_invitation => inv_id,
    p_after => jsonb_build_object('email', 'oliver@northwind.example', 'role', 'member'));
  insert into roster.memberships (org_id, user_id, role, status, invited_by, joined_at, last_active_at)
  values (nw, oliver, 'member', 'active', nora, now() - interval '33 days', now() - interval '6 hours');
  perform pg_temp.ev(nw, now() - interval '33 days', oliver, 'invitation.accepted', '198.18.0.77', ua_iphone, oliver,
    p_invitation => inv_id, p_after => jsonb_build_object('status', 'active', 'role', 'member'));

  insert into public.customers (org_id, name, email, phone, notes, created_at, created_by) values
    (nw, 'Greta Holm', 'greta.holm@example.org', '+44 20 7946 0321', 'ACL rehab, week 6.', now() - interval '30 days', oliver)
    returning id into c5;
  insert into public.conversations (org_id, customer_id, channel, subject, status, assigned_to, created_at, created_by)
  values (nw, c5, 'email', 'Exercise plan questions', 'open', oliver, now() - interval '4 days', oliver) returning id into v4;
  insert into public.messages (org_id, conversation_id, direction, author_kind, body, created_at, created_by) values
    (nw, v4, 'inbound', 'customer', 'Should I keep doing the step-ups if my knee feels warm afterwards?', now() - interval '4 days', null),
    (nw, v4, 'outbound', 'agent', 'Ice for 15 minutes and halve the reps until your next session.', now() - interval '3 days', oliver);
end
$seed$;

commit;
