-- =============================================================================================
-- Zeitspende demo data: the model municipality "Lindenau am See" (Bavaria) and, to show that
-- other towns stay hidden, the small neighbouring municipality "Birkenhain".
-- All people, places and organisations are fictional; every address uses the reserved
-- `.example` domain. Runs as the database owner in one transaction (PGlite, PostgreSQL 15+,
-- `supabase db reset`). Dates are relative to current_date, so the demo stays fresh.
--
-- Fixed ids: 00000000-KKKK-4000-8000-NNNNNNNNNNNN, KKKK = kind, N = number within the kind.
--   0001 municipalities   0002 districts   0003 organisations   0004 people (auth.users)
--   0005 needs            0006 matches     0007 offers (N = helper's N)   0008 hour logs
--   0009 §72a inspections 000a suggestions 000b feedback   000c memberships (N = person + org)
--
-- Municipalities
--   00000000-0001-4000-8000-000000000001  Lindenau am See  AGS 09188999  approvals on, town inspects §72a
--   00000000-0001-4000-8000-000000000002  Birkenhain       AGS 09179999  approvals off, no town inspection
-- Districts (Stadtteile) of Lindenau am See
--   00000000-0002-4000-8000-000000000001  Altstadt          00000000-0002-4000-8000-000000000005  Am Mühlbach
--   00000000-0002-4000-8000-000000000002  Seeufer           00000000-0002-4000-8000-000000000006  Waldsiedlung
--   00000000-0002-4000-8000-000000000003  Lindenhof         00000000-0002-4000-8000-000000000007  Neufeld
--   00000000-0002-4000-8000-000000000004  Bahnhofsviertel   00000000-0002-4000-8000-000000000008  Kirchberg
-- Districts of Birkenhain
--   00000000-0002-4000-8000-000000000011  Ortsmitte         00000000-0002-4000-8000-000000000012  Birkenfeld
-- Organisations
--   00000000-0003-4000-8000-000000000001  Stadt Lindenau am See – Freiwilligenagentur  (municipal)
--   00000000-0003-4000-8000-000000000002  Stadt Lindenau am See – Jugendamt           (municipal, §72a)
--   00000000-0003-4000-8000-000000000011  Nachbarschaftshilfe Lindenau e. V.          (nonprofit)
--   00000000-0003-4000-8000-000000000012  Lernpaten Lindenau e. V.                    (nonprofit)
--   00000000-0003-4000-8000-000000000021  Gemeinde Birkenhain – Bürgerbüro            (municipal)
--   00000000-0003-4000-8000-000000000022  Helferkreis Birkenhain e. V.                (nonprofit)
-- Demo accounts (sign in with the e-mail code; in development the code shows in /dev/outbox)
--   00000000-0004-4000-8000-000000000001  admin@zeitspende.example           platform admin
--   00000000-0004-4000-8000-000000000011  koordination@lindenau.example      Katrin B., coordinator Freiwilligenagentur (approves needs)
--   00000000-0004-4000-8000-000000000012  jugendamt@lindenau.example         Tobias R., coordinator Jugendamt (§72a, approves minor matches)
--   00000000-0004-4000-8000-000000000013  nachbarschaft@lindenau.example     Helga M., coordinator Nachbarschaftshilfe
--   00000000-0004-4000-8000-000000000014  lernpaten@lindenau.example         Emre A., coordinator Lernpaten
--   00000000-0004-4000-8000-000000000021  koordination@birkenhain.example    Sabine H., coordinator Bürgerbüro and Helferkreis
--   00000000-0004-4000-8000-000000000101  mara.schneider@lindenau.example    Mara S., helper (Lernpaten + Nachbarschaftshilfe,
--                                         §72a valid, one active match, one proposal waiting for her)
--   Helpers: N 101–140 in Lindenau, 201–203 in Birkenhain; e-mail first.last@<town>.example
--   (umlauts spelt out: can.oeztuerk@lindenau.example).
-- Needs (N): 01–20 Lindenau (01 02 03 16 18 Freiwilligenagentur, 04 05 17 Jugendamt,
--   06–10 19 Nachbarschaftshilfe, 11–15 20 Lernpaten), 31–32 Birkenhain.
--   Statuses: 10 and 14 pending_approval, 15 draft, 08 and 13 matched, 16 completed, others open.
-- Matches (N): 01–04 active, 05–06 proposed, 07 requested, 08 declined, 09 completed.
--
-- Weekly windows are minutes of the week: Monday 00:00 = 0, Tue = 1440, Wed = 2880, Thu = 4320,
-- Fri = 5760, Sat = 7200, Sun = 8640; e.g. Tuesday 14:00–18:00 = [1440+840, 1440+1080) = [2280,2520).
-- =============================================================================================


-- ---------------------------------------------------------------------------------------------
-- Municipalities and districts
-- ---------------------------------------------------------------------------------------------
insert into public.municipalities
  (id, name, ags, nonprofit_needs_need_approval, minor_matches_need_approval, municipality_inspects_72a, created_at)
values
  ('00000000-0001-4000-8000-000000000001', 'Lindenau am See', '09188999', true,  true,  true,  now() - interval '400 days'),
  ('00000000-0001-4000-8000-000000000002', 'Birkenhain',      '09179999', false, false, false, now() - interval '200 days');

insert into public.districts (id, municipality_id, name, centre_lat, centre_lng)
values
  ('00000000-0002-4000-8000-000000000001', '00000000-0001-4000-8000-000000000001', 'Altstadt',        48.000, 11.300),
  ('00000000-0002-4000-8000-000000000002', '00000000-0001-4000-8000-000000000001', 'Seeufer',         47.992, 11.318),
  ('00000000-0002-4000-8000-000000000003', '00000000-0001-4000-8000-000000000001', 'Lindenhof',       48.012, 11.292),
  ('00000000-0002-4000-8000-000000000004', '00000000-0001-4000-8000-000000000001', 'Bahnhofsviertel', 48.004, 11.315),
  ('00000000-0002-4000-8000-000000000005', '00000000-0001-4000-8000-000000000001', 'Am Mühlbach',     47.989, 11.285),
  ('00000000-0002-4000-8000-000000000006', '00000000-0001-4000-8000-000000000001', 'Waldsiedlung',    48.021, 11.310),
  ('00000000-0002-4000-8000-000000000007', '00000000-0001-4000-8000-000000000001', 'Neufeld',         48.008, 11.272),
  ('00000000-0002-4000-8000-000000000008', '00000000-0001-4000-8000-000000000001', 'Kirchberg',       47.981, 11.302),
  ('00000000-0002-4000-8000-000000000011', '00000000-0001-4000-8000-000000000002', 'Ortsmitte',       48.181, 11.251),
  ('00000000-0002-4000-8000-000000000012', '00000000-0001-4000-8000-000000000002', 'Birkenfeld',      48.187, 11.262);


-- ---------------------------------------------------------------------------------------------
-- Organisations
-- ---------------------------------------------------------------------------------------------
insert into public.organisations (id, municipality_id, name, kind, contact_email, contact_phone, created_at)
values
  ('00000000-0003-4000-8000-000000000001', '00000000-0001-4000-8000-000000000001',
   'Stadt Lindenau am See – Freiwilligenagentur', 'municipal', 'freiwilligenagentur@lindenau.example', '08999 4410-310', now() - interval '390 days'),
  ('00000000-0003-4000-8000-000000000002', '00000000-0001-4000-8000-000000000001',
   'Stadt Lindenau am See – Jugendamt', 'municipal', 'jugendamt@lindenau.example', '08999 4410-510', now() - interval '390 days'),
  ('00000000-0003-4000-8000-000000000011', '00000000-0001-4000-8000-000000000001',
   'Nachbarschaftshilfe Lindenau e. V.', 'nonprofit', 'info@nachbarschaftshilfe-lindenau.example', '08999 72 31 40', now() - interval '380 days'),
  ('00000000-0003-4000-8000-000000000012', '00000000-0001-4000-8000-000000000001',
   'Lernpaten Lindenau e. V.', 'nonprofit', 'kontakt@lernpaten-lindenau.example', '08999 72 55 18', now() - interval '370 days'),
  ('00000000-0003-4000-8000-000000000021', '00000000-0001-4000-8000-000000000002',
   'Gemeinde Birkenhain – Bürgerbüro', 'municipal', 'buergerbuero@birkenhain.example', '08998 120-0', now() - interval '200 days'),
  ('00000000-0003-4000-8000-000000000022', '00000000-0001-4000-8000-000000000002',
   'Helferkreis Birkenhain e. V.', 'nonprofit', 'helferkreis@birkenhain.example', null, now() - interval '190 days');


-- ---------------------------------------------------------------------------------------------
-- Staff accounts: platform admin and coordinators. The on_auth_user_created trigger creates
-- each profile and contact row. Only columns Supabase's auth.users shares with ours.
-- ---------------------------------------------------------------------------------------------
insert into auth.users (id, email, raw_user_meta_data, created_at)
values
  ('00000000-0004-4000-8000-000000000001', 'admin@zeitspende.example',        '{"display_name": "Plattform-Admin"}', now() - interval '400 days'),
  ('00000000-0004-4000-8000-000000000011', 'koordination@lindenau.example',   '{"display_name": "Katrin B."}',       now() - interval '390 days'),
  ('00000000-0004-4000-8000-000000000012', 'jugendamt@lindenau.example',      '{"display_name": "Tobias R."}',       now() - interval '388 days'),
  ('00000000-0004-4000-8000-000000000013', 'nachbarschaft@lindenau.example',  '{"display_name": "Helga M."}',        now() - interval '380 days'),
  ('00000000-0004-4000-8000-000000000014', 'lernpaten@lindenau.example',      '{"display_name": "Emre A."}',         now() - interval '370 days'),
  ('00000000-0004-4000-8000-000000000021', 'koordination@birkenhain.example', '{"display_name": "Sabine H."}',       now() - interval '200 days');

insert into public.platform_admins (person_id, created_at)
values ('00000000-0004-4000-8000-000000000001', now() - interval '400 days');

-- Work phone numbers, shown to helpers only while a match with them is active.
update public.contact_details c set phone = v.phone
from (values
  ('00000000-0004-4000-8000-000000000011'::uuid, '08999 4410-311'),
  ('00000000-0004-4000-8000-000000000012'::uuid, '08999 4410-512'),
  ('00000000-0004-4000-8000-000000000013'::uuid, '08999 72 31 41'),
  ('00000000-0004-4000-8000-000000000014'::uuid, '08999 72 55 19'),
  ('00000000-0004-4000-8000-000000000021'::uuid, '08998 120-14')
) as v (person_id, phone)
where c.person_id = v.person_id;

insert into public.memberships (id, organisation_id, person_id, role, status, verified_at, created_at)
values
  ('00000000-000c-4000-8000-000000011001', '00000000-0003-4000-8000-000000000001', '00000000-0004-4000-8000-000000000011', 'coordinator', 'active', now() - interval '390 days', now() - interval '390 days'),
  ('00000000-000c-4000-8000-000000012002', '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012', 'coordinator', 'active', now() - interval '388 days', now() - interval '388 days'),
  ('00000000-000c-4000-8000-000000013011', '00000000-0003-4000-8000-000000000011', '00000000-0004-4000-8000-000000000013', 'coordinator', 'active', now() - interval '380 days', now() - interval '380 days'),
  ('00000000-000c-4000-8000-000000014012', '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014', 'coordinator', 'active', now() - interval '370 days', now() - interval '370 days'),
  -- Small town: the Bürgerbüro's coordinator also runs the Helferkreis.
  ('00000000-000c-4000-8000-000000021021', '00000000-0003-4000-8000-000000000021', '00000000-0004-4000-8000-000000000021', 'coordinator', 'active', now() - interval '200 days', now() - interval '200 days'),
  ('00000000-000c-4000-8000-000000021022', '00000000-0003-4000-8000-000000000022', '00000000-0004-4000-8000-000000000021', 'coordinator', 'active', now() - interval '190 days', now() - interval '190 days');


-- ---------------------------------------------------------------------------------------------
-- Helpers: one roster row each, from which their account, offer and pool memberships follow.
-- n → person id 00000000-0004-4000-8000-000000000nnn, offer id 00000000-0007-…-000000000nnn.
-- town L = Lindenau am See, B = Birkenhain. district null = remote only.
-- pools: FA Freiwilligenagentur, NH Nachbarschaftshilfe, LP Lernpaten, HK Helferkreis Birkenhain.
-- paused = offer paused for that many more days.
-- ---------------------------------------------------------------------------------------------
create temporary table seed_helpers (
  n integer primary key,
  town char(1) not null,
  first_name text not null,
  last_name text not null,
  district text,
  categories text not null,
  target_groups text not null,
  hours numeric not null,
  availability text,
  radius numeric not null,
  remote_ok boolean not null,
  languages text not null,
  paused integer,
  pools text not null,
  pool_status text not null,
  verified boolean not null
);

insert into seed_helpers values
-- n    town first        last           district           categories             target groups            h   availability                                          km  remote langs       paused pools      status    verified
  (101, 'L', 'Mara',      'Schneider',   'Altstadt',        '{homework,digital}',  '{children,youth}',       8, '{[2280,2520),[5160,5400)}',                           3, true,  '{de,en}',    null, '{LP,NH}', 'active',  true),
  (102, 'L', 'Jonas',     'Weber',       'Seeufer',         '{errands,company}',   '{seniors}',              6, '{[3900,4080),[7740,7980)}',                           2, false, '{de}',       null, '{NH}',    'active',  true),
  (103, 'L', 'Aylin',     'Demir',       'Bahnhofsviertel', '{homework,advice}',   '{children,youth}',      10, '{[900,1080),[3780,3960)}',                            4, false, '{de,tr,en}', null, '{LP}',    'active',  true),
  (104, 'L', 'Heinz',     'Hofmann',     'Kirchberg',       '{errands,advice}',    '{seniors}',             12, '{[540,720),[1980,2160),[3420,3600),[4860,5040),[6300,6480)}', 5, false, '{de}', null, '{NH}', 'active', true),
  (105, 'L', 'Olena',     'Kovalenko',   'Neufeld',         '{homework,advice}',   '{children,youth}',       6, '{[2460,2640),[5340,5520)}',                           3, false, '{de,uk,ru}', null, '{LP}',    'active',  true),
  (106, 'L', 'Sophie',    'Bauer',       'Lindenhof',       '{company,digital}',   '{seniors}',              4, '{[9240,9480)}',                                       2, false, '{de,en}',    null, '{NH}',    'active',  true),
  (107, 'L', 'Karim',     'Haddad',      'Bahnhofsviertel', '{homework,advice}',   '{youth}',                5, '{[3780,3960),[6660,6840)}',                           3, true,  '{de,ar,en}', null, '{LP}',    'active',  true),
  (108, 'L', 'Gisela',    'Koch',        'Altstadt',        '{company}',           '{seniors}',              2, '{[2280,2460)}',                                       1, false, '{de}',       null, '{NH}',    'active',  true),
  (109, 'L', 'Lukas',     'Fischer',     'Waldsiedlung',    '{digital}',           '{seniors}',              3, '{[5340,5520)}',                                       4, true,  '{de,en}',    null, '{FA}',    'active',  true),
  (110, 'L', 'Elif',      'Yılmaz',      'Am Mühlbach',     '{homework}',          '{children}',             6, '{[900,1020),[5220,5340)}',                            2, false, '{de,tr}',    null, '{LP}',    'active',  true),
  (111, 'L', 'Peter',     'Wagner',      'Seeufer',         '{errands}',           '{seniors}',             20, null,                                                  8, false, '{de}',       null, '{NH,FA}', 'active',  true),
  (112, 'L', 'Anna',      'Becker',      'Lindenhof',       '{homework,company}',  '{children}',             4, '{[3720,3960)}',                                       3, false, '{de,en}',    null, '{LP}',    'active',  true),
  (113, 'L', 'Tomasz',    'Nowak',       'Neufeld',         '{errands,digital}',   '{seniors}',              5, '{[7740,7980)}',                                       6, false, '{de,pl}',    null, '{NH}',    'active',  true),
  (114, 'L', 'Ursula',    'Schulz',      'Kirchberg',       '{company,advice}',    '{seniors}',              8, '{[540,720),[3420,3600)}',                             2, false, '{de}',       null, '{NH}',    'active',  true),
  (115, 'L', 'Felix',     'Richter',     'Waldsiedlung',    '{homework,digital}',  '{youth}',                4, '{[2460,2640),[5340,5520)}',                           5, true,  '{de,en}',    null, '{LP}',    'active',  true),
  (116, 'L', 'Mariam',    'Saleh',       'Bahnhofsviertel', '{advice,homework}',   '{children}',             3, '{[6660,6840)}',                                       2, false, '{de,ar}',    null, '{LP}',    'active',  true),
  (117, 'L', 'Dieter',    'Klein',       'Am Mühlbach',     '{errands}',           '{seniors}',             10, '{[540,720),[1980,2160),[3420,3600),[4860,5040),[6300,6480)}', 10, false, '{de}', null, '{NH}', 'active', true),
  (118, 'L', 'Lea',       'Wolf',        'Altstadt',        '{company}',           '{children,youth}',       4, '{[7800,8040)}',                                       3, false, '{de,en}',    null, '{LP,NH}', 'active',  true),
  (119, 'L', 'Ivan',      'Petrow',      'Neufeld',         '{digital,errands}',   '{seniors}',              6, '{[1020,1200),[3900,4080)}',                           5, false, '{de,ru}',    null, '{NH}',    'active',  true),
  (120, 'L', 'Monika',    'Neumann',     'Seeufer',         '{advice,company}',    '{seniors}',              6, '{[1980,2160),[4860,5040)}',                           3, false, '{de}',       null, '{NH}',    'active',  true),
  (121, 'L', 'Can',       'Öztürk',      'Bahnhofsviertel', '{homework}',          '{youth}',                4, '{[1020,1200),[3900,4080)}',                           3, true,  '{de,tr}',    null, '{LP}',    'active',  true),
  (122, 'L', 'Hannah',    'Schwarz',     'Lindenhof',       '{homework}',          '{children}',             2, '{[6600,6720)}',                                       2, false, '{de}',       null, '{LP}',    'active',  true),
  (123, 'L', 'Wolfgang',  'Zimmermann',  'Waldsiedlung',    '{errands,advice}',    '{seniors}',              8, null,                                                  7, false, '{de}',         30, '{NH}',    'paused',  true),
  (124, 'L', 'Nadia',     'Braun',       'Kirchberg',       '{homework,company}',  '{children,youth}',       6, '{[2340,2520)}',                                       4, false, '{de,ar,en}', null, '{LP,NH}', 'active',  true),
  (125, 'L', 'Julia',     'Krüger',      null,              '{digital}',           '{seniors,youth}',        3, null,                                                  3, true,  '{de,en}',    null, '{FA}',    'active',  true),
  (126, 'L', 'Stefan',    'Hartmann',    'Am Mühlbach',     '{errands,company}',   '{seniors}',              4, '{[7740,7980)}',                                       3, false, '{de}',       null, '{NH}',    'active',  false),
  (127, 'L', 'Leonie',    'Lange',       'Altstadt',        '{homework}',          '{children,youth}',       5, '{[840,1020),[5160,5340)}',                            2, false, '{de,en}',    null, '{LP}',    'active',  true),
  (128, 'L', 'Oksana',    'Schewtschenko', 'Neufeld',       '{company,advice}',    '{seniors,children}',     4, '{[3420,3600)}',                                       3, false, '{de,uk}',    null, '{NH,LP}', 'active',  true),
  (129, 'L', 'Martin',    'Schmitt',     'Seeufer',         '{digital,advice}',    '{seniors}',              2, '{[5340,5520)}',                                       4, true,  '{de}',       null, '{FA}',    'active',  true),
  (130, 'L', 'Emma',      'Werner',      'Lindenhof',       '{company}',           '{seniors}',              1, '{[9480,9660)}',                                       1, false, '{de}',       null, '{NH}',    'active',  true),
  (131, 'L', 'Murat',     'Arslan',      'Bahnhofsviertel', '{errands,homework}',  '{youth}',                6, '{[7800,8040)}',                                       5, false, '{de,tr}',    null, '{LP}',    'active',  true),
  (132, 'L', 'Brigitte',  'Krause',      'Kirchberg',       '{errands,company}',   '{seniors}',              6, '{[840,1020),[3720,3900)}',                            3, false, '{de}',       null, '{NH}',    'active',  true),
  (133, 'L', 'Paul',      'Meier',       'Waldsiedlung',    '{homework,digital}',  '{youth}',                4, '{[3900,4080)}',                                       6, true,  '{de,en}',    null, '{LP}',    'active',  false),
  (134, 'L', 'Zeynep',    'Kaya',        'Am Mühlbach',     '{advice}',            '{seniors,youth}',        3, '{[1980,2160)}',                                       4, false, '{de,tr}',    null, '{NH}',    'active',  true),
  (135, 'L', 'Thomas',    'Lehmann',     'Neufeld',         '{errands}',           '{seniors}',              8, '{[6300,6480),[7740,7980)}',                          10, false, '{de}',         14, '{NH}',    'active',  true),
  (136, 'L', 'Clara',     'Huber',       'Altstadt',        '{homework,company}',  '{children}',             5, '{[840,1080)}',                                        2, false, '{de,en}',    null, '{LP}',    'active',  true),
  (137, 'L', 'Yusuf',     'Al-Masri',    'Bahnhofsviertel', '{errands,company}',   '{seniors,youth}',        4, '{[5160,5400)}',                                       3, false, '{de,ar}',    null, '{NH,LP}', 'active',  true),
  (138, 'L', 'Renate',    'Schmid',      'Seeufer',         '{company}',           '{seniors}',              2, '{[3720,3840)}',                                       1, false, '{de}',       null, '{NH}',    'paused',  true),
  (139, 'L', 'Max',       'Vogel',       'Lindenhof',       '{digital}',           '{youth,seniors}',        4, null,                                                  5, true,  '{de,en}',      60, '{FA}',    'active',  true),
  (140, 'L', 'Katarzyna', 'Wójcik',      'Kirchberg',       '{homework,advice}',   '{children}',             4, '{[2340,2460),[5220,5340)}',                           3, false, '{de,pl}',    null, '{LP}',    'invited', false),
  (201, 'B', 'Georg',     'Lechner',     'Ortsmitte',       '{errands}',           '{seniors}',              6, null,                                                  5, false, '{de}',       null, '{HK}',    'active',  true),
  (202, 'B', 'Ines',      'Seitz',       'Birkenfeld',      '{company,digital}',   '{seniors}',              4, '{[3720,3960)}',                                       3, false, '{de,en}',    null, '{HK}',    'active',  true),
  (203, 'B', 'Rainer',    'Pichler',     'Ortsmitte',       '{errands,company}',   '{seniors,youth}',        8, '{[7740,7980)}',                                       4, false, '{de}',       null, '{HK}',    'active',  true);

insert into auth.users (id, email, raw_user_meta_data, created_at)
select
  ('00000000-0004-4000-8000-' || lpad(h.n::text, 12, '0'))::uuid,
  -- first.last@town.example with umlauts and accents spelt out (Öztürk → oeztuerk)
  translate(
    replace(replace(replace(replace(replace(replace(replace(lower(h.first_name || '.' || h.last_name),
      'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ß', 'ss'),
    'óıÓ', 'oio')
    || case h.town when 'L' then '@lindenau.example' else '@birkenhain.example' end,
  jsonb_build_object('display_name', h.first_name || ' ' || left(h.last_name, 1) || '.'),
  now() - (300 - (h.n % 100) * 5) * interval '1 day'
from seed_helpers h
order by h.n;

-- Two helpers prefer the English interface.
update public.profiles set locale = 'en'
where id in ('00000000-0004-4000-8000-000000000107', '00000000-0004-4000-8000-000000000139');

-- Each helper's standing offer; the home point is the district's centre (already ~500 m coarse).
insert into public.offers
  (id, helper_id, municipality_id, categories, target_groups, hours_per_month, availability,
   home_district_id, home_lat, home_lng, radius_km, remote_ok, languages, paused_until, created_at)
select
  ('00000000-0007-4000-8000-' || lpad(h.n::text, 12, '0'))::uuid,
  ('00000000-0004-4000-8000-' || lpad(h.n::text, 12, '0'))::uuid,
  m.id,
  h.categories::public.need_category[],
  h.target_groups::public.target_group[],
  h.hours,
  h.availability::int4multirange,
  d.id,
  round(d.centre_lat::numeric, 3)::double precision,
  round(d.centre_lng::numeric, 3)::double precision,
  h.radius,
  h.remote_ok,
  h.languages::text[],
  current_date + h.paused,
  now() - (290 - (h.n % 100) * 5) * interval '1 day'
from seed_helpers h
join public.municipalities m
  on m.id = case h.town when 'L' then '00000000-0001-4000-8000-000000000001'::uuid
                        else '00000000-0001-4000-8000-000000000002'::uuid end
left join public.districts d on d.municipality_id = m.id and d.name = h.district
order by h.n;

-- Pool memberships: membership id = 000c + person number (9 digits) + organisation number (3).
insert into public.memberships (id, organisation_id, person_id, role, status, verified_at, created_at)
select
  ('00000000-000c-4000-8000-' || lpad(h.n::text, 9, '0') || o.num)::uuid,
  ('00000000-0003-4000-8000-000000000' || o.num)::uuid,
  ('00000000-0004-4000-8000-' || lpad(h.n::text, 12, '0'))::uuid,
  'helper',
  h.pool_status::public.membership_status,
  case when h.verified then now() - (280 - (h.n % 100) * 5) * interval '1 day' end,
  now() - (285 - (h.n % 100) * 5) * interval '1 day'
from seed_helpers h
cross join lateral unnest(h.pools::text[]) as p (code)
join (values ('FA', '001'), ('JA', '002'), ('NH', '011'), ('LP', '012'), ('BB', '021'), ('HK', '022'))
  as o (code, num) on o.code = p.code
order by h.n, o.num;

drop table seed_helpers;


-- ---------------------------------------------------------------------------------------------
-- §72a SGB VIII inspections for helpers working with children and youth: only the three facts.
-- Lindenau's Jugendamt inspects for the whole town (policy); the Lernpaten inspect their own.
-- Can Ö. (121) holds an expired one: his re-check date has passed, so he cannot be matched to
-- needs that require §72a until he brings a new certificate.
-- Inspected in the last 40 days: a record nobody uses is deleted three months after its
-- inspection (the retention job), so older ones would vanish on the demo's first start.
-- ---------------------------------------------------------------------------------------------
insert into public.inspections_72a
  (id, helper_id, inspecting_organisation_id, inspected_by, inspected_on, certificate_date, conviction_listed, recheck_on, created_at)
select
  ('00000000-0009-4000-8000-' || lpad(v.num::text, 12, '0'))::uuid,
  ('00000000-0004-4000-8000-' || lpad(v.helper::text, 12, '0'))::uuid,
  v.organisation::uuid,
  v.inspector::uuid,
  current_date - least(v.certificate_age - 10, 40),
  current_date - v.certificate_age,
  false,
  (current_date - v.certificate_age + interval '5 years')::date,
  (current_date - least(v.certificate_age - 10, 40))::timestamptz
from (values
  -- num helper  inspecting organisation                  inspector                                 certificate age (days)
  ( 1, 101, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',  430),
  ( 2, 103, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',  800),
  ( 3, 105, '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',  610),
  ( 4, 107, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012', 1200),
  ( 5, 110, '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',  520),
  ( 6, 112, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',  400),
  ( 7, 115, '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',  700),
  ( 8, 116, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',  980),
  ( 9, 118, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012', 1400),
  (10, 121, '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014', 1950), -- expired
  (11, 124, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',  380),
  (12, 127, '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',  900),
  (13, 136, '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012', 1100)
) as v (num, helper, organisation, inspector, certificate_age);


-- ---------------------------------------------------------------------------------------------
-- Needs. Descriptions name no beneficiary: only area, kind of help and time.
-- municipality_id is derived from the organisation by trigger. Open and matched needs of the
-- nonprofits were approved by the Freiwilligenagentur (Katrin B.), as Lindenau's policy asks.
-- ---------------------------------------------------------------------------------------------
insert into public.needs
  (id, organisation_id, created_by, title, description, category, target_group, hours, cadence,
   starts_on, ends_on, time_windows, district_id, lat, lng, remote, required_languages,
   preferred_languages, helpers_wanted, requires_72a, status, approved_by, approved_at, created_at)
values
  -- 01 Freiwilligenagentur: monthly digital help, one of two places taken (match 03)
  ('00000000-0005-4000-8000-000000000001', '00000000-0003-4000-8000-000000000001', '00000000-0004-4000-8000-000000000011',
   'Digitalsprechstunde im Seniorentreff Altstadt',
   'Im Seniorentreff Altstadt bieten wir jeden Mittwochnachmittag eine offene Sprechstunde an: Smartphone einrichten, Videoanrufe mit der Familie, Online-Banking sicher nutzen. Geduld ist wichtiger als Fachwissen.',
   'digital', 'seniors', 4, 'monthly',
   (date_trunc('month', current_date) - interval '1 month')::date, (date_trunc('month', current_date) + interval '5 months')::date - 1,
   '{[3840,4020)}', '00000000-0002-4000-8000-000000000001', 48.001, 11.301, false, '{}', '{}', 2, false,
   'open', null, null, now() - interval '35 days'),
  -- 02 Freiwilligenagentur: from a citizen's suggestion (suggestion 01)
  ('00000000-0005-4000-8000-000000000002', '00000000-0003-4000-8000-000000000001', '00000000-0004-4000-8000-000000000011',
   'Begleitung zum Wochenmarkt am Samstag',
   'Eine Seniorin im Seeufer-Viertel möchte wieder selbst auf den Wochenmarkt gehen, schafft den Weg mit dem Einkaufstrolley aber nicht mehr allein. Gesucht wird eine Begleitung für einen Samstagvormittag.',
   'errands', 'seniors', 2, 'one_off',
   current_date + 12, null,
   '{[7740,7920)}', '00000000-0002-4000-8000-000000000002', 47.993, 11.316, false, '{}', '{}', 1, false,
   'open', null, null, now() - interval '3 days'),
  -- 03 Freiwilligenagentur
  ('00000000-0005-4000-8000-000000000003', '00000000-0003-4000-8000-000000000001', '00000000-0004-4000-8000-000000000011',
   'Smartphone-Grundkurs in der Stadtbücherei',
   'Für einen Abendkurs in der Stadtbücherei Lindenhof suchen wir zwei Freiwillige, die Seniorinnen und Senioren beim Üben an den eigenen Geräten helfen.',
   'digital', 'seniors', 3, 'one_off',
   current_date + 16, null,
   '{[5340,5460)}', '00000000-0002-4000-8000-000000000003', 48.011, 11.293, false, '{}', '{}', 2, false,
   'open', null, null, now() - interval '6 days'),
  -- 04 Jugendamt: remote homework help, proposed to Mara (match 06)
  ('00000000-0005-4000-8000-000000000004', '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',
   'Mathe-Hausaufgabenhilfe für die 7. Klasse (online)',
   'Ein Schüler der 7. Klasse braucht regelmäßige Unterstützung bei den Mathe-Hausaufgaben, vor allem bei Brüchen und Gleichungen. Per Videoanruf, zwei Termine pro Woche am späten Nachmittag.',
   'homework', 'youth', 4, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '4 months')::date - 1,
   '{[2400,2580),[5280,5460)}', null, null, null, true, '{}', '{}', 1, true,
   'open', null, null, now() - interval '12 days'),
  -- 05 Jugendamt
  ('00000000-0005-4000-8000-000000000005', '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',
   'Freizeitbegleitung im Kinder- und Jugendtreff',
   'Der Jugendtreff am Bahnhof öffnet samstags für Kinder von 8 bis 12 Jahren. Wir suchen Freiwillige für Spiele, Basteln und Ausflüge in der Umgebung, gemeinsam mit einer pädagogischen Fachkraft.',
   'company', 'children', 4, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '6 months')::date - 1,
   '{[7800,8040)}', '00000000-0002-4000-8000-000000000004', 48.005, 11.314, false, '{}', '{}', 2, true,
   'open', null, null, now() - interval '9 days'),
  -- 06 Nachbarschaftshilfe: one of two places taken (match 04)
  ('00000000-0005-4000-8000-000000000006', '00000000-0003-4000-8000-000000000011', '00000000-0004-4000-8000-000000000013',
   'Wöchentlicher Einkauf im Kirchberg',
   'Ein älteres Ehepaar im Kirchberg kann nach einer Operation nicht mehr selbst einkaufen. Einmal pro Woche den Einkauf nach Liste erledigen und kurz vorbeibringen.',
   'errands', 'seniors', 4, 'monthly',
   (date_trunc('month', current_date) - interval '1 month')::date, (date_trunc('month', current_date) + interval '3 months')::date - 1,
   -- Friday mornings: Heinz's weekly shop takes only those (no double booking with need 18 or 07).
   '{[6300,6480)}', '00000000-0002-4000-8000-000000000008', 47.982, 11.303, false, '{}', '{}', 2, false,
   'open', '00000000-0004-4000-8000-000000000011', now() - interval '32 days', now() - interval '33 days'),
  -- 07 Nachbarschaftshilfe
  ('00000000-0005-4000-8000-000000000007', '00000000-0003-4000-8000-000000000011', '00000000-0004-4000-8000-000000000013',
   'Begleitung zu einem Facharzttermin',
   'Ein Senior aus dem Mühlbach-Viertel braucht Begleitung zu einem Facharzttermin in der Kreisstadt: gemeinsam mit dem Bus hin und zurück, im Wartezimmer dabei sein.',
   'advice', 'seniors', 3, 'one_off',
   current_date + 9, null,
   '{[1980,2160)}', '00000000-0002-4000-8000-000000000005', 47.990, 11.286, false, '{}', '{}', 1, false,
   'open', '00000000-0004-4000-8000-000000000011', now() - interval '4 days', now() - interval '5 days'),
  -- 08 Nachbarschaftshilfe: matched with Gisela K. (match 02)
  ('00000000-0005-4000-8000-000000000008', '00000000-0003-4000-8000-000000000011', '00000000-0004-4000-8000-000000000013',
   'Besuchsdienst: Vorlesen und Gespräche',
   'Eine Seniorin in der Altstadt lebt allein und freut sich über regelmäßigen Besuch: Zeitung vorlesen, erzählen, eine Tasse Kaffee. Ein Nachmittag alle zwei Wochen.',
   'company', 'seniors', 2, 'monthly',
   (date_trunc('month', current_date) - interval '1 month')::date, (date_trunc('month', current_date) + interval '5 months')::date - 1,
   '{[2280,2460)}', '00000000-0002-4000-8000-000000000001', 47.999, 11.301, false, '{}', '{}', 1, false,
   'matched', '00000000-0004-4000-8000-000000000011', now() - interval '39 days', now() - interval '40 days'),
  -- 09 Nachbarschaftshilfe: Turkish required; Zeynep K. declined (match 08)
  ('00000000-0005-4000-8000-000000000009', '00000000-0003-4000-8000-000000000011', '00000000-0004-4000-8000-000000000013',
   'Hilfe bei Anträgen – auf Türkisch',
   'Eine Seniorin im Bahnhofsviertel braucht Hilfe beim Ausfüllen eines Antrags auf Wohngeld. Sie spricht vor allem Türkisch; die Unterlagen liegen vor.',
   'advice', 'seniors', 2, 'one_off',
   current_date + 7, null,
   '{[1980,2160)}', '00000000-0002-4000-8000-000000000004', 48.003, 11.316, false, '{tr}', '{}', 1, false,
   'open', '00000000-0004-4000-8000-000000000011', now() - interval '7 days', now() - interval '8 days'),
  -- 10 Nachbarschaftshilfe: waiting for the town's approval
  ('00000000-0005-4000-8000-000000000010', '00000000-0003-4000-8000-000000000011', '00000000-0004-4000-8000-000000000013',
   'Spaziergangspartner*in am Seeufer',
   'Ein Senior mit Rollator möchte wieder regelmäßig am See spazieren gehen, traut sich aber allein nicht. Gesucht: eine Begleitung für eine Stunde am Vormittag.',
   'company', 'seniors', 2, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '3 months')::date - 1,
   '{[3420,3540)}', '00000000-0002-4000-8000-000000000002', 47.991, 11.319, false, '{}', '{}', 1, false,
   'pending_approval', null, null, now() - interval '2 days'),
  -- 11 Lernpaten: Arabic required; Mariam S. asked to help (match 07)
  ('00000000-0005-4000-8000-000000000011', '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',
   'Lernpatenschaft Deutsch für ein Grundschulkind',
   'Ein Mädchen der 3. Klasse ist vor einem Jahr aus Syrien gekommen und braucht Unterstützung beim Lesen und bei den Deutsch-Hausaufgaben. Arabischkenntnisse helfen, um mit der Familie Termine abzusprechen.',
   'homework', 'children', 3, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '6 months')::date - 1,
   '{[3780,3960),[6660,6840)}', '00000000-0002-4000-8000-000000000004', 48.004, 11.313, false, '{ar}', '{}', 1, true,
   'open', '00000000-0004-4000-8000-000000000011', now() - interval '9 days', now() - interval '10 days'),
  -- 12 Lernpaten: proposed to Felix R. (match 05)
  ('00000000-0005-4000-8000-000000000012', '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',
   'Englisch-Nachhilfe für die 9. Klasse (online)',
   'Eine Schülerin der 9. Klasse möchte ihre Englischnote vor dem Halbjahreszeugnis verbessern: Grammatik üben, Texte besprechen. Per Videoanruf.',
   'homework', 'youth', 3, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '3 months')::date - 1,
   '{[2460,2640),[5340,5520)}', null, null, null, true, '{}', '{en}', 1, true,
   'open', '00000000-0004-4000-8000-000000000011', now() - interval '13 days', now() - interval '14 days'),
  -- 13 Lernpaten: matched with Mara S. (match 01)
  ('00000000-0005-4000-8000-000000000013', '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',
   'Lesepatenschaft an der Grundschule am Lindenhof',
   'Die Grundschule am Lindenhof sucht Lesepatinnen und Lesepaten, die mit einzelnen Kindern der 2. Klasse in der Schulbibliothek lesen üben.',
   'homework', 'children', 2, 'monthly',
   (date_trunc('month', current_date) - interval '1 month')::date, (date_trunc('month', current_date) + interval '5 months')::date - 1,
   '{[2280,2400),[5160,5280)}', '00000000-0002-4000-8000-000000000003', 48.013, 11.291, false, '{}', '{}', 1, true,
   'matched', '00000000-0004-4000-8000-000000000011', now() - interval '37 days', now() - interval '38 days'),
  -- 14 Lernpaten: Ukrainian required; waiting for the town's approval
  ('00000000-0005-4000-8000-000000000014', '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',
   'Lernbegleitung für Jugendliche aus der Ukraine',
   'Zwei Jugendliche aus der Ukraine besuchen die Mittelschule in Neufeld und brauchen Unterstützung beim Lernen für Mathe und Deutsch. Ukrainisch- oder Russischkenntnisse sind nötig.',
   'homework', 'youth', 4, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '4 months')::date - 1,
   '{[1020,1140),[5340,5460)}', '00000000-0002-4000-8000-000000000007', 48.009, 11.273, false, '{uk}', '{}', 2, true,
   'pending_approval', null, null, now() - interval '1 day'),
  -- 15 Lernpaten: still a draft
  ('00000000-0005-4000-8000-000000000015', '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',
   'Mathe-Training vor der Abschlussprüfung',
   'Entwurf: Intensivtraining für Schülerinnen und Schüler der 9. Klasse vor dem Quali, online an drei Terminen.',
   'homework', 'youth', 6, 'one_off',
   current_date + 30, null,
   null, null, null, null, true, '{}', '{}', 3, true,
   'draft', null, null, now() - interval '1 day'),
  -- 16 Freiwilligenagentur: done, with Lukas F. (match 09)
  ('00000000-0005-4000-8000-000000000016', '00000000-0003-4000-8000-000000000001', '00000000-0004-4000-8000-000000000011',
   'Handy-Sprechstunde in der Stadtbücherei',
   'Einmalige Handy-Sprechstunde in der Stadtbücherei Altstadt: Messenger einrichten, Fotos verschicken, Schriftgröße anpassen.',
   'digital', 'seniors', 2, 'one_off',
   current_date - 20, null,
   '{[5340,5460)}', '00000000-0002-4000-8000-000000000001', 48.000, 11.299, false, '{}', '{}', 1, false,
   'completed', null, null, now() - interval '30 days'),
  -- 17 Jugendamt
  ('00000000-0005-4000-8000-000000000017', '00000000-0003-4000-8000-000000000002', '00000000-0004-4000-8000-000000000012',
   'Bewerbungstraining für Jugendliche',
   'Im Jugendtreff am Bahnhof üben Jugendliche Vorstellungsgespräche für ihre Ausbildungsplatzsuche. Gesucht werden Freiwillige mit Berufserfahrung, die einen Nachmittag lang Gespräche durchspielen.',
   'advice', 'youth', 3, 'one_off',
   current_date + 20, null,
   '{[3780,3960)}', '00000000-0002-4000-8000-000000000004', 48.005, 11.316, false, '{}', '{}', 3, true,
   'open', null, null, now() - interval '4 days'),
  -- 18 Freiwilligenagentur
  ('00000000-0005-4000-8000-000000000018', '00000000-0003-4000-8000-000000000001', '00000000-0004-4000-8000-000000000011',
   'Einkauf nach einem Krankenhausaufenthalt',
   'Eine Seniorin in der Waldsiedlung kommt nächste Woche aus dem Krankenhaus und braucht einmalig Hilfe beim Großeinkauf und beim Abholen eines Rezepts.',
   'errands', 'seniors', 2, 'one_off',
   current_date + 5, null,
   -- Monday to Thursday mornings: never the Friday of need 06, whatever weekday today is.
   '{[540,720),[1980,2160),[3420,3600),[4860,5040)}', '00000000-0002-4000-8000-000000000006', 48.020, 11.311, false, '{}', '{}', 1, false,
   'open', null, null, now() - interval '2 days'),
  -- 19 Nachbarschaftshilfe
  ('00000000-0005-4000-8000-000000000019', '00000000-0003-4000-8000-000000000011', '00000000-0004-4000-8000-000000000013',
   'Gemeinsames Kochen im Nachbarschaftstreff Neufeld',
   'Einmal im Monat kochen ältere Menschen aus Neufeld gemeinsam im Nachbarschaftstreff. Wir suchen Unterstützung beim Einkaufen, Schnippeln und Aufräumen – und Freude an Gesellschaft.',
   'company', 'seniors', 3, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '6 months')::date - 1,
   '{[6360,6540)}', '00000000-0002-4000-8000-000000000007', 48.007, 11.271, false, '{}', '{uk,ru}', 2, false,
   'open', '00000000-0004-4000-8000-000000000011', now() - interval '10 days', now() - interval '11 days'),
  -- 20 Lernpaten
  ('00000000-0005-4000-8000-000000000020', '00000000-0003-4000-8000-000000000012', '00000000-0004-4000-8000-000000000014',
   'Hausaufgabenhilfe in der Mittagsbetreuung Kirchberg',
   'Die Mittagsbetreuung der Grundschule Kirchberg sucht Freiwillige, die Kinder der 1. bis 4. Klasse bei den Hausaufgaben begleiten, montags und mittwochs.',
   'homework', 'children', 4, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '5 months')::date - 1,
   '{[840,1020),[3720,3900)}', '00000000-0002-4000-8000-000000000008', 47.980, 11.301, false, '{}', '{}', 3, true,
   'open', '00000000-0004-4000-8000-000000000011', now() - interval '14 days', now() - interval '15 days'),
  -- 31 Birkenhain, Bürgerbüro
  ('00000000-0005-4000-8000-000000000031', '00000000-0003-4000-8000-000000000021', '00000000-0004-4000-8000-000000000021',
   'Fahrt zum Einkaufen in den Nachbarort',
   'In Birkenhain gibt es keinen Supermarkt mehr. Ein älterer Herr aus der Ortsmitte braucht einmal pro Woche eine Mitfahrgelegenheit zum Einkaufen.',
   'errands', 'seniors', 3, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '3 months')::date - 1,
   '{[1980,2160)}', '00000000-0002-4000-8000-000000000011', 48.182, 11.252, false, '{}', '{}', 1, false,
   'open', null, null, now() - interval '7 days'),
  -- 32 Birkenhain, Helferkreis (no approval needed there)
  ('00000000-0005-4000-8000-000000000032', '00000000-0003-4000-8000-000000000022', '00000000-0004-4000-8000-000000000021',
   'Spielenachmittag im Seniorenheim Birkenfeld',
   'Das Seniorenheim Birkenfeld sucht Freiwillige für einen Spielenachmittag pro Monat: Karten, Brettspiele, Gespräche.',
   'company', 'seniors', 2, 'monthly',
   date_trunc('month', current_date)::date, (date_trunc('month', current_date) + interval '4 months')::date - 1,
   '{[3720,3900)}', '00000000-0002-4000-8000-000000000012', 48.186, 11.263, false, '{}', '{}', 2, false,
   'open', null, null, now() - interval '6 days');


-- ---------------------------------------------------------------------------------------------
-- Matches. organisation_id and municipality_id come from the need by trigger.
-- municipal_involvement: 'initiated' where a municipal office posted the need, 'approved' where
-- the town approved the need or the match. first_with_municipality marks each helper's first
-- match that became active with the town involved (the "1 in 10"). activated_at: when the match
-- became active — the town's approval where it approved, else the later of the two yeses.
-- Capacity: active matches use 2 of Mara's 8 h, 2 of Gisela's 2 h, 4 of Ivan's 6 h and 4 of
-- Heinz's 12 h per month; accepting match 06 would bring Mara to 6 of 8 h.
-- ---------------------------------------------------------------------------------------------
insert into public.matches
  (id, need_id, helper_id, status, initiated_by, proposed_by, score, helper_accepted_at,
   organisation_accepted_at, approved_at, approved_by, ended_at, municipal_involvement,
   first_with_municipality, created_at, updated_at, activated_at)
values
  -- 01 Lesepatenschaft × Mara S.: children, so the Jugendamt approved the match
  ('00000000-0006-4000-8000-000000000001', '00000000-0005-4000-8000-000000000013', '00000000-0004-4000-8000-000000000101',
   'active', 'coordinator', '00000000-0004-4000-8000-000000000014', 87.0,
   now() - interval '35 days', now() - interval '36 days', now() - interval '34 days', '00000000-0004-4000-8000-000000000012',
   null, 'approved', true, now() - interval '36 days', now() - interval '34 days', now() - interval '34 days'),
  -- 02 Besuchsdienst × Gisela K.
  ('00000000-0006-4000-8000-000000000002', '00000000-0005-4000-8000-000000000008', '00000000-0004-4000-8000-000000000108',
   'active', 'coordinator', '00000000-0004-4000-8000-000000000013', 91.5,
   now() - interval '37 days', now() - interval '38 days', null, null,
   null, 'approved', true, now() - interval '38 days', now() - interval '37 days', now() - interval '37 days'),
  -- 03 Digitalsprechstunde × Ivan P., proposed by the Freiwilligenagentur
  ('00000000-0006-4000-8000-000000000003', '00000000-0005-4000-8000-000000000001', '00000000-0004-4000-8000-000000000119',
   'active', 'coordinator', '00000000-0004-4000-8000-000000000011', 78.0,
   now() - interval '29 days', now() - interval '30 days', null, null,
   null, 'initiated', true, now() - interval '30 days', now() - interval '29 days', now() - interval '29 days'),
  -- 04 Einkauf im Kirchberg × Heinz H., who asked to help
  ('00000000-0006-4000-8000-000000000004', '00000000-0005-4000-8000-000000000006', '00000000-0004-4000-8000-000000000104',
   'active', 'helper', null, 84.0,
   now() - interval '31 days', now() - interval '30 days', null, null,
   null, 'approved', true, now() - interval '31 days', now() - interval '30 days', now() - interval '30 days'),
  -- 05 Englisch online × Felix R.: proposed, waiting for Felix
  ('00000000-0006-4000-8000-000000000005', '00000000-0005-4000-8000-000000000012', '00000000-0004-4000-8000-000000000115',
   'proposed', 'coordinator', '00000000-0004-4000-8000-000000000014', 82.5,
   null, now() - interval '2 days', null, null,
   null, 'approved', false, now() - interval '2 days', now() - interval '2 days', null),
  -- 06 Mathe online × Mara S.: proposed by the Jugendamt, waiting for Mara
  ('00000000-0006-4000-8000-000000000006', '00000000-0005-4000-8000-000000000004', '00000000-0004-4000-8000-000000000101',
   'proposed', 'coordinator', '00000000-0004-4000-8000-000000000012', 79.0,
   null, now() - interval '1 day', null, null,
   null, 'initiated', false, now() - interval '1 day', now() - interval '1 day', null),
  -- 07 Lernpatenschaft Deutsch × Mariam S.: she asked to help, the Lernpaten have to answer
  ('00000000-0006-4000-8000-000000000007', '00000000-0005-4000-8000-000000000011', '00000000-0004-4000-8000-000000000116',
   'requested', 'helper', null, 88.0,
   now() - interval '20 hours', null, null, null,
   null, 'approved', false, now() - interval '20 hours', now() - interval '20 hours', null),
  -- 08 Anträge auf Türkisch × Zeynep K.: declined (the date did not suit her); never proposed again
  ('00000000-0006-4000-8000-000000000008', '00000000-0005-4000-8000-000000000009', '00000000-0004-4000-8000-000000000134',
   'declined', 'coordinator', '00000000-0004-4000-8000-000000000013', 73.0,
   null, now() - interval '6 days', null, null,
   now() - interval '5 days', 'approved', false, now() - interval '6 days', now() - interval '5 days', null),
  -- 09 Handy-Sprechstunde × Lukas F.: completed
  ('00000000-0006-4000-8000-000000000009', '00000000-0005-4000-8000-000000000016', '00000000-0004-4000-8000-000000000109',
   'completed', 'coordinator', '00000000-0004-4000-8000-000000000011', 90.0,
   now() - interval '27 days', now() - interval '28 days', null, null,
   now() - interval '18 days', 'initiated', true, now() - interval '28 days', now() - interval '18 days', now() - interval '27 days');


-- ---------------------------------------------------------------------------------------------
-- Hour logs (helper, organisation and municipality come from the match by trigger).
-- Confirmed ones count in reports and certificates; logged ones wait for a coordinator.
-- ---------------------------------------------------------------------------------------------
insert into public.hour_logs (id, match_id, worked_on, hours, note, status, reviewed_by, reviewed_at, created_at)
values
  ('00000000-0008-4000-8000-000000000001', '00000000-0006-4000-8000-000000000001', current_date - 26, 1.0,
   'Lesen geübt, erstes eigenes Buch ausgesucht.', 'confirmed', '00000000-0004-4000-8000-000000000014', now() - interval '25 days', now() - interval '26 days'),
  ('00000000-0008-4000-8000-000000000002', '00000000-0006-4000-8000-000000000001', current_date - 19, 1.0,
   'Lesestunde in der Schulbibliothek.', 'confirmed', '00000000-0004-4000-8000-000000000014', now() - interval '18 days', now() - interval '19 days'),
  ('00000000-0008-4000-8000-000000000003', '00000000-0006-4000-8000-000000000001', current_date - 5, 1.0,
   'Vorlesen im Wechsel.', 'logged', null, null, now() - interval '5 days'),
  ('00000000-0008-4000-8000-000000000004', '00000000-0006-4000-8000-000000000002', current_date - 21, 2.0,
   'Zeitung gelesen und Kaffee getrunken.', 'confirmed', '00000000-0004-4000-8000-000000000013', now() - interval '20 days', now() - interval '21 days'),
  ('00000000-0008-4000-8000-000000000005', '00000000-0006-4000-8000-000000000002', current_date - 7, 1.5,
   '', 'logged', null, null, now() - interval '7 days'),
  ('00000000-0008-4000-8000-000000000006', '00000000-0006-4000-8000-000000000003', current_date - 14, 2.0,
   'Sechs Besucherinnen und Besucher, vor allem Videoanrufe.', 'confirmed', '00000000-0004-4000-8000-000000000011', now() - interval '13 days', now() - interval '14 days'),
  ('00000000-0008-4000-8000-000000000007', '00000000-0006-4000-8000-000000000003', current_date - 2, 2.0,
   'Online-Banking: sichere Passwörter.', 'logged', null, null, now() - interval '2 days'),
  ('00000000-0008-4000-8000-000000000008', '00000000-0006-4000-8000-000000000004', current_date - 10, 1.5,
   'Wocheneinkauf nach Liste.', 'confirmed', '00000000-0004-4000-8000-000000000013', now() - interval '9 days', now() - interval '10 days'),
  ('00000000-0008-4000-8000-000000000009', '00000000-0006-4000-8000-000000000004', current_date - 3, 2.0,
   'Einkauf und Apotheke.', 'logged', null, null, now() - interval '3 days'),
  ('00000000-0008-4000-8000-000000000010', '00000000-0006-4000-8000-000000000009', current_date - 20, 2.0,
   'Sprechstunde in der Stadtbücherei.', 'confirmed', '00000000-0004-4000-8000-000000000011', now() - interval '18 days', now() - interval '20 days');


-- ---------------------------------------------------------------------------------------------
-- Citizens' suggestions and feedback
-- ---------------------------------------------------------------------------------------------
insert into public.need_suggestions (id, municipality_id, district_id, author_id, category, target_group, body, status, need_id, created_at)
values
  ('00000000-000a-4000-8000-000000000001', '00000000-0001-4000-8000-000000000001', '00000000-0002-4000-8000-000000000002',
   '00000000-0004-4000-8000-000000000102', 'errands', 'seniors',
   'Viele Ältere im Seeufer-Viertel schaffen den Weg zum Wochenmarkt am Samstag nicht mehr allein. Eine Begleitung mit Einkaufstrolley wäre eine große Hilfe.',
   'adopted', '00000000-0005-4000-8000-000000000002', now() - interval '5 days'),
  ('00000000-000a-4000-8000-000000000002', '00000000-0001-4000-8000-000000000001', '00000000-0002-4000-8000-000000000004',
   '00000000-0004-4000-8000-000000000103', 'homework', 'youth',
   'Im Jugendtreff am Bahnhof fehlt ein ruhiger Platz für Hausaufgaben. Ein fester Lerntreff an zwei Nachmittagen pro Woche mit Freiwilligen wäre toll.',
   'new', null, now() - interval '2 days');

insert into public.feedback (id, match_id, author_id, perspective, rating, comment, created_at)
values
  ('00000000-000b-4000-8000-000000000001', '00000000-0006-4000-8000-000000000009', '00000000-0004-4000-8000-000000000109',
   'helper', 5,
   'Die Sprechstunde war gut besucht, alle gingen mit einem eingerichteten Messenger nach Hause. Gern wieder!',
   now() - interval '17 days');


-- ---------------------------------------------------------------------------------------------
-- Involvement ledger (append-only), written from what happened above, in time order.
-- organisation_id is the organisation the event concerns (the need's or match's, or the
-- inspecting one); actor_id who acted. municipal_role: 'initiated' when a municipal office
-- posted or proposed, 'approved' for the town's approvals, 'verified' for its §72a inspections
-- and hour confirmations, 'co_produced' for an adopted citizen suggestion, 'informed' for a
-- suggestion reaching the town, null where the town took no part.
-- ---------------------------------------------------------------------------------------------
insert into public.involvement_events
  (occurred_at, kind, municipality_id, organisation_id, actor_id, helper_id, need_id, match_id, municipal_role)
select e.occurred_at, e.kind::public.involvement_kind, e.municipality_id, e.organisation_id, e.actor_id,
       e.helper_id, e.need_id, e.match_id, e.municipal_role::public.involvement_role
from (
  -- Needs posted (drafts are not posted yet)
  select n.created_at as occurred_at, 'need_posted' as kind, n.municipality_id, n.organisation_id,
         n.created_by as actor_id, null::uuid as helper_id, n.id as need_id, null::uuid as match_id,
         case when o.kind = 'municipal' then 'initiated' end as municipal_role
  from public.needs n join public.organisations o on o.id = n.organisation_id
  where n.status <> 'draft'
  union all
  -- Needs of nonprofits approved by the town
  select n.approved_at, 'need_approved', n.municipality_id, n.organisation_id, n.approved_by, null, n.id, null, 'approved'
  from public.needs n where n.approved_at is not null
  union all
  -- Matches proposed by a coordinator, or asked for by the helper
  select m.created_at,
         case m.initiated_by when 'helper' then 'match_requested' else 'match_proposed' end,
         m.municipality_id, m.organisation_id, coalesce(m.proposed_by, m.helper_id), m.helper_id, m.need_id, m.id,
         case when o.kind = 'municipal' then 'initiated' end
  from public.matches m join public.organisations o on o.id = m.organisation_id
  union all
  -- Matches accepted by the side that did not start them
  select case m.initiated_by when 'helper' then m.organisation_accepted_at else m.helper_accepted_at end,
         'match_accepted', m.municipality_id, m.organisation_id,
         case m.initiated_by when 'helper'
           then (select c.person_id from public.memberships c
                 where c.organisation_id = m.organisation_id and c.role = 'coordinator' order by c.created_at limit 1)
           else m.helper_id end,
         m.helper_id, m.need_id, m.id,
         case when o.kind = 'municipal' then 'initiated' end
  from public.matches m join public.organisations o on o.id = m.organisation_id
  where m.helper_accepted_at is not null and m.organisation_accepted_at is not null
  union all
  -- Matches approved by the town (children and youth)
  select m.approved_at, 'match_approved', m.municipality_id, m.organisation_id, m.approved_by, m.helper_id, m.need_id, m.id, 'approved'
  from public.matches m where m.approved_at is not null
  union all
  -- §72a inspections recorded: verified by the town where its office inspected
  select i.inspected_on::timestamptz + interval '10 hours', 'inspection_recorded', o.municipality_id, o.id,
         i.inspected_by, i.helper_id, null, null,
         case when o.kind = 'municipal' then 'verified' end
  from public.inspections_72a i join public.organisations o on o.id = i.inspecting_organisation_id
  union all
  -- Hours confirmed
  select h.reviewed_at, 'hours_confirmed', h.municipality_id, h.organisation_id, h.reviewed_by, h.helper_id,
         m.need_id, h.match_id, case when o.kind = 'municipal' then 'verified' end
  from public.hour_logs h
  join public.matches m on m.id = h.match_id
  join public.organisations o on o.id = h.organisation_id
  where h.status = 'confirmed'
  union all
  -- Feedback given
  select f.created_at, 'feedback_given', m.municipality_id, f.organisation_id, f.author_id, m.helper_id, m.need_id, m.id, null
  from public.feedback f join public.matches m on m.id = f.match_id
  union all
  -- Citizens' suggestions, and the one the Freiwilligenagentur turned into need 02
  select s.created_at, 'suggestion_made', s.municipality_id, null, s.author_id, s.author_id, null, null, 'informed'
  from public.need_suggestions s
  union all
  select n.created_at, 'suggestion_adopted', s.municipality_id, n.organisation_id, n.created_by, s.author_id, n.id, null, 'co_produced'
  from public.need_suggestions s join public.needs n on n.id = s.need_id
  where s.status = 'adopted'
) as e
order by e.occurred_at, e.kind;
