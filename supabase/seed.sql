-- Local demo data, applied after migrations on a fresh database (npm run db:reset).
-- Every demo user signs in with the password `roster-demo`.
insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select id, 'authenticated', 'authenticated', email, extensions.crypt('roster-demo', extensions.gen_salt('bf', 10)), now(),
       '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', full_name), now(), now()
from (values
  ('00000000-0000-4000-a000-000000000001'::uuid, 'amelia@tehrandental.co', 'Amelia Hart'),
  ('00000000-0000-4000-a000-000000000002'::uuid, 'daniel@tehrandental.co', 'Daniel Cho')
) as demo(id, email, full_name);
