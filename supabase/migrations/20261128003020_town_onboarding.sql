-- Onboarding a town: a platform admin creates a municipality with its municipal office and
-- invites the office's first coordinator; the town's municipal coordinators then manage its
-- districts, its approval policies and its nonprofits (each created with the invitation of its
-- first coordinator). Each verb checks who acts and writes all or nothing.

-- ---------------------------------------------------------------------------------------------
-- Shapes the verbs check (the tables' constraints say the same more coarsely)
-- ---------------------------------------------------------------------------------------------
-- An AGS: eight digits, the first two a Land (01 Schleswig-Holstein … 16 Thüringen).
create function private.is_ags(p_ags text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$ select coalesce(p_ags ~ '^(0[1-9]|1[0-6])[0-9]{6}$', false) $$;
comment on function private.is_ags(text) is 'Whether a text is an Amtlicher Gemeindeschlüssel: eight digits starting with a Land code 01–16.';

-- Germany's bounding box, as districts' check constraints have it.
create function private.in_germany(p_lat double precision, p_lng double precision) returns boolean
language sql immutable parallel safe set search_path = ''
as $$ select coalesce(p_lat between 47 and 55.1 and p_lng between 5.8 and 15.1, false) $$;
comment on function private.in_germany(double precision, double precision) is 'Whether a point lies in Germany''s bounding box (47–55.1 °N, 5.8–15.1 °E).';

-- ---------------------------------------------------------------------------------------------
-- Platform admin: a new town
-- ---------------------------------------------------------------------------------------------
create function app.create_municipality(p_name text, p_ags text, p_office_name text, p_email text,
                                        p_locale public.app_locale default 'de', p_origin text default null)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_name text := trim(coalesce(p_name, ''));
  v_ags text := trim(coalesce(p_ags, ''));
  v_office text := trim(coalesce(p_office_name, ''));
  v_municipality uuid;
  v_office_id uuid;
begin
  if not private.is_platform_admin() then perform private.fail('not_allowed'); end if;
  if length(v_name) not between 2 and 120 then perform private.fail('municipality_name_invalid'); end if;
  if not private.is_ags(v_ags) then perform private.fail('ags_invalid'); end if;
  if length(v_office) not between 2 and 160 then perform private.fail('organisation_name_invalid'); end if;
  -- Two admins creating the same AGS at once: the second waits and is told ags_taken.
  perform pg_advisory_xact_lock(7203, hashtext(v_ags));
  if exists (select 1 from public.municipalities m where m.ags = v_ags) then
    perform private.fail('ags_taken');
  end if;
  insert into public.municipalities (name, ags) values (v_name, v_ags) returning id into v_municipality;
  insert into public.organisations (municipality_id, name, kind)
  values (v_municipality, v_office, 'municipal') returning id into v_office_id;
  perform private.invite_coordinator(v_office_id, p_email, p_locale, p_origin);
  return v_municipality;
end
$$;
comment on function app.create_municipality(text, text, text, text, public.app_locale, text) is
  'A platform admin creates a municipality (name, AGS) with its municipal office and invites the office''s first coordinator by e-mail, all or nothing. Raises not_allowed, municipality_name_invalid, ags_invalid, ags_taken, organisation_name_invalid, email_invalid, invite_self. Returns the municipality.';

-- ---------------------------------------------------------------------------------------------
-- The town's municipal coordinators: nonprofits, policies, districts
-- ---------------------------------------------------------------------------------------------
create function private.require_governed(p_municipality uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
begin
  if (select auth.uid()) is null or p_municipality is null
     or p_municipality not in (select private.governed_municipality_ids()) then
    perform private.fail('not_allowed');
  end if;
end
$$;
comment on function private.require_governed(uuid) is 'Raises not_allowed unless the current person is a municipal coordinator of the municipality.';

create function app.create_nonprofit(p_municipality uuid, p_name text, p_email text,
                                     p_locale public.app_locale default 'de', p_origin text default null)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_name text := trim(coalesce(p_name, ''));
  v_organisation uuid;
begin
  perform private.require_governed(p_municipality);
  if length(v_name) not between 2 and 160 then perform private.fail('organisation_name_invalid'); end if;
  perform 1 from public.municipalities where id = p_municipality for update;
  if exists (select 1 from public.organisations o
             where o.municipality_id = p_municipality and lower(o.name) = lower(v_name)) then
    perform private.fail('organisation_name_taken');
  end if;
  insert into public.organisations (municipality_id, name, kind)
  values (p_municipality, v_name, 'nonprofit') returning id into v_organisation;
  perform private.invite_coordinator(v_organisation, p_email, p_locale, p_origin);
  return v_organisation;
end
$$;
comment on function app.create_nonprofit(uuid, text, text, public.app_locale, text) is
  'A municipal coordinator creates a nonprofit in their town and invites its first coordinator by e-mail, all or nothing. Raises not_allowed, organisation_name_invalid, organisation_name_taken, email_invalid, invite_self. Returns the organisation.';

create function app.set_town_policies(p_municipality uuid, p_nonprofit_needs_need_approval boolean,
                                      p_minor_matches_need_approval boolean, p_municipality_inspects_72a boolean)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.require_governed(p_municipality);
  if p_nonprofit_needs_need_approval is null or p_minor_matches_need_approval is null
     or p_municipality_inspects_72a is null then
    perform private.fail('policy_missing');
  end if;
  update public.municipalities
  set nonprofit_needs_need_approval = p_nonprofit_needs_need_approval,
      minor_matches_need_approval = p_minor_matches_need_approval,
      municipality_inspects_72a = p_municipality_inspects_72a
  where id = p_municipality;
end
$$;
comment on function app.set_town_policies(uuid, boolean, boolean, boolean) is
  'A municipal coordinator sets the town''s three policy switches. Raises not_allowed, policy_missing. Needs and matches already waiting keep waiting for the town.';

-- One district's fields checked, the centre on the ~500 m grid of offers; raises or returns them.
create function private.checked_district(p_municipality uuid, p_district uuid, p_name text,
                                         p_lat double precision, p_lng double precision,
                                         out name text, out lat double precision, out lng double precision)
language plpgsql stable security definer set search_path = ''
as $$
begin
  name := trim(coalesce(p_name, ''));
  if length(name) not between 2 and 120 then perform private.fail('district_name_invalid'); end if;
  if not private.in_germany(p_lat, p_lng) then perform private.fail('district_outside_germany'); end if;
  lat := private.round_lat(p_lat);
  lng := private.round_lng(p_lng);
  -- The grid may push a point on the border just outside the box.
  if not private.in_germany(lat, lng) then perform private.fail('district_outside_germany'); end if;
  if exists (select 1 from public.districts d
             where d.municipality_id = p_municipality and lower(d.name) = lower(checked_district.name)
               and d.id is distinct from p_district) then
    perform private.fail('district_name_taken');
  end if;
end
$$;
comment on function private.checked_district(uuid, uuid, text, double precision, double precision) is
  'Checks a district''s name (2–120 characters, unique in the town ignoring case) and centre (inside Germany) and rounds the centre like offers; raises district_name_invalid, district_outside_germany, district_name_taken.';

create function app.add_district(p_municipality uuid, p_name text, p_lat double precision, p_lng double precision)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v record;
  v_district uuid;
begin
  perform private.require_governed(p_municipality);
  perform 1 from public.municipalities where id = p_municipality for update;
  select * into v from private.checked_district(p_municipality, null, p_name, p_lat, p_lng);
  insert into public.districts (municipality_id, name, centre_lat, centre_lng)
  values (p_municipality, v.name, v.lat, v.lng) returning id into v_district;
  return v_district;
end
$$;
comment on function app.add_district(uuid, text, double precision, double precision) is
  'A municipal coordinator adds a district (Stadtteil) with its centre, rounded to about 500 m. Raises not_allowed, district_name_invalid, district_outside_germany, district_name_taken. Returns the district.';

create function app.update_district(p_district uuid, p_name text, p_lat double precision, p_lng double precision)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_municipality uuid;
  v record;
begin
  select d.municipality_id into v_municipality from public.districts d where d.id = p_district;
  if v_municipality is null then perform private.fail('district_not_found'); end if;
  perform private.require_governed(v_municipality);
  perform 1 from public.municipalities where id = v_municipality for update;
  select * into v from private.checked_district(v_municipality, p_district, p_name, p_lat, p_lng);
  update public.districts set name = v.name, centre_lat = v.lat, centre_lng = v.lng where id = p_district;
end
$$;
comment on function app.update_district(uuid, text, double precision, double precision) is
  'A municipal coordinator renames a district of their town or moves its centre (rounded to about 500 m). Raises district_not_found, not_allowed, district_name_invalid, district_outside_germany, district_name_taken.';

-- ---------------------------------------------------------------------------------------------
-- Reads: how many coordinators each organisation has (memberships are not theirs to read)
-- ---------------------------------------------------------------------------------------------
create function app.organisation_coordinator_counts(p_municipality uuid default null)
returns table (organisation_id uuid, active_coordinators integer)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if (select auth.uid()) is null then perform private.fail('not_allowed'); end if;
  return query
    select o.id, (select count(*)::integer from public.memberships m
                  where m.organisation_id = o.id and m.role = 'coordinator' and m.status = 'active')
    from public.organisations o
    where (p_municipality is null or o.municipality_id = p_municipality)
      and (o.municipality_id in (select private.governed_municipality_ids())
           or (o.kind = 'municipal' and private.is_platform_admin()))
    order by o.id;
end
$$;
comment on function app.organisation_coordinator_counts(uuid) is
  'How many active coordinators each organisation has (a number, no names): every organisation of the towns the person governs, and every municipal office for a platform admin; optionally of one municipality.';

grant execute on function
  app.create_municipality(text, text, text, text, public.app_locale, text),
  app.create_nonprofit(uuid, text, text, public.app_locale, text),
  app.set_town_policies(uuid, boolean, boolean, boolean),
  app.add_district(uuid, text, double precision, double precision),
  app.update_district(uuid, text, double precision, double precision),
  app.organisation_coordinator_counts(uuid)
to authenticated, service_role;
