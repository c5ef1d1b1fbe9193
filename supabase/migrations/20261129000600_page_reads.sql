-- Reads of the signed-in pages as functions with kept plans, for the reason of
-- 20261129000500_need_history.sql: a plain statement over tables with row-level security is
-- planned anew on every request, policies' sub-plans included, which cost more than running it
-- (PostgreSQL 15, demo town, one warm connection: the helper's glance 0.37 ms as a statement,
-- 0.10 ms as a function; a need's matches with their contacts 0.50 ms, 0.16 ms; the coordinator
-- pages' guard 0.35 ms). Security invoker: row-level security decides, as before, what the
-- reader sees.

-- The helper's list page: whether they have an offer, and how many proposals wait for their yes.
create function app.helper_glance(p_person uuid)
returns table ("hasOffer" boolean, "toAnswer" integer)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
begin
  return query
  select exists (select 1 from public.offers o where o.helper_id = p_person),
         (select count(*)::integer from public.matches m
          where m.helper_id = p_person and m.status = 'proposed' and m.helper_accepted_at is null);
end
$$;
comment on function app.helper_glance(uuid)
  is 'For the helper''s list of needs: whether the person has an offer and how many proposals wait for their answer (as far as the caller may read them).';

-- A need's page: its matches, oldest first, with the helper's name and, for active matches, the
-- contacts app.match_contacts gives the caller.
create function app.need_matches(p_need uuid)
returns table (id uuid, "helperName" text, status text, "initiatedBy" text, score numeric,
               "endReason" text, contacts json)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select m.id, coalesce(p.display_name, '–'), m.status::text, m.initiated_by::text, m.score, m.end_reason,
         case when m.status = 'active' then (
           select coalesce(json_agg(json_build_object('side', c.side, 'displayName', c.display_name,
                                                      'email', c.email, 'phone', c.phone) order by c.n), '[]')
           from app.match_contacts(m.id) with ordinality c(side, display_name, email, phone, n))
         else '[]'::json end
  from public.matches m
  left join public.profiles p on p.id = m.helper_id
  where m.need_id = p_need
  order by m.created_at;
end
$$;
comment on function app.need_matches(uuid)
  is 'A need''s matches the caller may read, oldest first, with the helper''s name where the caller may see it and, for active matches, the contacts app.match_contacts gives the caller.';

-- Every page's layout: whether the person coordinates any organisation (the navigation shows
-- their organisations' pages).
create function app.is_coordinator(p_person uuid) returns boolean
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
begin
  return exists (select 1 from public.memberships m
                 where m.person_id = p_person and m.role = 'coordinator' and m.status = 'active');
end
$$;
comment on function app.is_coordinator(uuid)
  is 'Whether the person coordinates an organisation (as far as the caller may read their memberships).';

-- Every coordinator page's guard: the organisation as the caller may see it (no row: unknown to
-- them), and, when the person coordinates it, its name, kind and town.
create function app.coordinator_access(p_person uuid, p_organisation uuid)
returns table (id uuid, mine json)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select o.id,
         (select json_build_object('id', c.id, 'name', c.name, 'kind', c.kind, 'municipalityName', mu.name)
          from public.memberships m
          join public.organisations c on c.id = m.organisation_id
          join public.municipalities mu on mu.id = c.municipality_id
          where m.person_id = p_person and m.role = 'coordinator' and m.status = 'active' and c.id = o.id)
  from public.organisations o where o.id = p_organisation;
end
$$;
comment on function app.coordinator_access(uuid, uuid)
  is 'The organisation as the caller may see it, with the person''s coordination of it (null when they do not coordinate it); no row for an organisation the caller cannot see.';

-- A need's page (the coordinator's, the town's, the helper's): the need with its organisation's
-- and district's names.
create function app.need_detail(p_need uuid)
returns table (id uuid, "organisationId" uuid, "organisationName" text, title text, description text,
               category text, "targetGroup" text, hours numeric, cadence text, "startsOn" date,
               "endsOn" date, remote boolean, "districtName" text, "helpersWanted" integer,
               "requires72a" boolean, status text, "sentBackReason" text, "sentBackOn" text)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select n.id, n.organisation_id, o.name, n.title, n.description, n.category::text, n.target_group::text,
         n.hours, n.cadence::text, n.starts_on, n.ends_on, n.remote, d.name, n.helpers_wanted,
         n.requires_72a, n.status::text, n.sent_back_reason,
         to_char(n.sent_back_at at time zone 'Europe/Berlin', 'YYYY-MM-DD')
  from public.needs n
  join public.organisations o on o.id = n.organisation_id
  left join public.districts d on d.id = n.district_id
  where n.id = p_need;
end
$$;
comment on function app.need_detail(uuid)
  is 'A need as the caller may see it, with its organisation''s and district''s names and when and why its town sent it back; no row for a need the caller cannot see.';

revoke all on function app.helper_glance(uuid), app.need_matches(uuid), app.is_coordinator(uuid),
  app.coordinator_access(uuid, uuid), app.need_detail(uuid) from public, anon;
grant execute on function app.helper_glance(uuid), app.need_matches(uuid), app.is_coordinator(uuid),
  app.coordinator_access(uuid, uuid), app.need_detail(uuid) to authenticated, service_role;
