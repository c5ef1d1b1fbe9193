-- Candidate lists with their plans kept: replaces, body for body, the definitions of
-- private.inspection_valid, private.pair_checks, private.need_candidate_rows and
-- private.fitting_need_rows (20261128000900_matching.sql), private.double_booked
-- (20261128002900_double_booking.sql), private.bookable_need_candidate_rows,
-- public.bookable_need_candidates, private.bookable_fitting_need_rows and
-- public.bookable_fitting_needs (20261128002910_bookable_candidates.sql).
--
-- Why: PostgreSQL before 18 plans a SQL-language function's body anew in every statement that
-- calls it (a function with a SET clause is never inlined either). These nine, nested, were
-- planned on every request of the helper's needs page and the coordinator's need page: about
-- 5 ms of the 5.5 ms the fitting-needs statement took on the demo town, per request. PL/pgSQL
-- keeps a prepared plan per connection; plan_cache_mode = force_generic_plan makes that plan
-- generic from the first call (otherwise PL/pgSQL re-plans each call with the values, as a
-- custom plan, for as long as the generic plan's estimate looks worse, which for pair_checks'
-- array of offers is always). The parameters here are keys and limits whose values do not change
-- the best plan's shape.
--
-- The same SQL, the same rules, rows and order: each body is the earlier one under `return
-- query` (or `return (…)` for the booleans); `#variable_conflict use_column` gives a column the
-- same precedence over an output name that a SQL function gives it. Comments and grants stay as
-- they were (create or replace keeps them). private.needs_clash stays SQL: as PL/pgSQL its
-- per-row cost triples, and batch planning calls it per pair.

-- private.inspection_valid (20261128000900_matching.sql)
create or replace function private.inspection_valid(p_helper uuid, p_need uuid) returns boolean
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return (
  select exists (
    select 1
    from public.needs n
    join public.municipalities mu on mu.id = n.municipality_id
    join public.inspections_72a i on i.helper_id = p_helper
    join public.organisations io on io.id = i.inspecting_organisation_id
    where n.id = p_need
      and not i.conviction_listed
      and i.inspected_by is distinct from p_helper
      and i.recheck_on > coalesce(n.ends_on, n.starts_on)
      and (i.inspecting_organisation_id = n.organisation_id
           or (mu.municipality_inspects_72a and io.kind = 'municipal' and io.municipality_id = n.municipality_id)))
  );
end
$$;

-- private.pair_checks (20261128000900_matching.sql)
create or replace function private.pair_checks(p_need uuid, p_offers public.offers[], p_exclude_match uuid default null)
returns table (helper_id uuid, violation text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with n as (
    select n.id, n.organisation_id, n.municipality_id, n.category, n.target_group, n.hours, n.lat, n.lng,
           n.remote, n.time_windows, n.required_languages, n.preferred_languages, n.requires_72a,
           private.month_of(n.starts_on) as first_month,
           private.need_last_month(n.cadence, n.starts_on, n.ends_on) as last_month,
           greatest(n.starts_on, private.berlin_today()) as begins_on,
           private.month_of(private.berlin_today()) as this_month
    from public.needs n where n.id = p_need
  ),
  base as (
    select o.helper_id, o.municipality_id, o.categories, o.target_groups, o.languages, o.radius_km,
           o.remote_ok, o.paused_until, o.hours_per_month,
           case when n.remote and o.remote_ok then null
                when n.lat is null or o.home_lat is null then null
                else private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) end as distance_km,
           case when o.availability is null or n.time_windows is null then null
                else o.availability && n.time_windows end as windows_fit,
           case when o.availability is null or n.time_windows is null then null
                else (o.availability * n.time_windows)::int4multirange end as windows_overlap
    from unnest(p_offers) o cross join n
  ),
  checked as (
    select b.*,
      case
        when b.municipality_id <> n.municipality_id then 'wrong_municipality'
        when not b.categories @> array[n.category] then 'category_mismatch'
        when not b.target_groups @> array[n.target_group] then 'target_group_mismatch'
        when not b.languages @> n.required_languages then 'language_missing'
        when not ((n.remote and b.remote_ok) or coalesce(b.distance_km <= b.radius_km, false)) then 'out_of_range'
        when b.windows_fit is false then 'windows_do_not_fit'
        when b.paused_until >= n.begins_on then 'helper_paused'
        when exists (select 1 from public.matches m
                     where m.need_id = n.id and m.helper_id = b.helper_id
                       and m.id is distinct from p_exclude_match) then 'already_matched'
        when n.requires_72a and not private.inspection_valid(b.helper_id, n.id) then 'inspection_required'
      end as violation
    from base b cross join n
  )
  select c.helper_id,
         case when c.violation is not null then c.violation
              when c.hours_per_month - coalesce(load.peak, 0) < n.hours then 'capacity_exceeded' end,
         c.distance_km,
         c.hours_per_month - coalesce(load.peak, 0),
         c.hours_per_month::numeric,
         c.windows_fit,
         c.windows_overlap,
         array(select l from unnest(n.preferred_languages) l where l = any (c.languages)),
         hist.helped_org_before,
         hist.total_matches,
         coalesce(load.this_month, 0)
  from checked c
  cross join n
  -- Load and history only for pairs that passed every other rule.
  left join lateral (
    select max(per.hours) filter (where per.month between n.first_month and n.last_month) as peak,
           sum(per.hours) filter (where per.month = n.this_month) as this_month
    from (select cm.month, sum(cm.hours) as hours
          from private.committed_months cm
          where c.violation is null and cm.helper_id = c.helper_id
            and cm.match_id is distinct from p_exclude_match
            and (cm.month between n.first_month and n.last_month or cm.month = n.this_month)
          group by cm.month) per
  ) load on true
  left join lateral (
    select (count(*) filter (where m.organisation_id = n.organisation_id and m.status in ('active', 'completed')))::integer
             as helped_org_before,
           (count(*) filter (where m.status in ('pending_approval', 'active', 'completed')))::integer as total_matches
    from public.matches m
    where c.violation is null and m.helper_id = c.helper_id and m.id is distinct from p_exclude_match
  ) hist on true;
end
$$;

-- private.need_candidate_rows (20261128000900_matching.sql)
create or replace function private.need_candidate_rows(p_need uuid, p_limit integer)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with n as materialized (
    select n.* from public.needs n
    where n.id = p_need and n.status = 'open'
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  nearby as (
    -- Whose reach box holds the need's point (GiST), then the cheap rules row by row, so the
    -- full check (pair_checks, which applies every rule again) sees few rows.
    select o from n join public.offers o
      on o.reach && box(n.point, n.point)
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and not (n.remote and o.remote_ok)
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
     and private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) <= o.radius_km
    union all
    select o from n join public.offers o
      on n.remote and o.remote_ok
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
  )
  select c.helper_id, p.display_name, c.distance_km, c.remaining_hours, c.capacity, c.windows_fit,
         c.windows_overlap, c.speaks_preferred, c.helped_org_before, c.total_matches, c.committed_this_month
  from n
  cross join lateral private.pair_checks(n.id, array(select x.o from nearby x), null) c
  join public.profiles p on p.id = c.helper_id
  where c.violation is null
  order by c.windows_fit desc nulls last, c.distance_km asc nulls last, c.helper_id
  limit greatest(p_limit, 0);
end
$$;

-- private.fitting_need_rows (20261128000900_matching.sql); it also applies the cheap rules (windows,
-- languages, distance) before pair_checks, as need_candidate_rows does: in the batch bench's town a
-- helper with a 10 km reach had 1 172 needs of their kinds in the reach box, of which 136 fit, and
-- pair_checks ran for each (68–211 ms; 12 ms with the rules first).
create or replace function private.fitting_need_rows(p_limit integer)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with me as materialized (
    select o from public.offers o where o.helper_id = (select auth.uid())
  ),
  nearby as (
    -- Open needs whose point lies in my reach box (GiST on needs.point) …
    select n.id from me join public.needs n
      on n.point <@ (me.o).reach
     and n.status = 'open' and n.municipality_id = (me.o).municipality_id
     and n.category = any ((me.o).categories) and n.target_group = any ((me.o).target_groups)
     and not (n.remote and (me.o).remote_ok)
     -- … then the cheap rules row by row, as need_candidate_rows does, so pair_checks (which
     -- applies every rule again) runs for the needs that can fit, not every need in the box …
     and ((me.o).availability is null or n.time_windows is null or (me.o).availability && n.time_windows)
     and (me.o).languages @> n.required_languages
     and private.haversine_km(n.lat, n.lng, (me.o).home_lat, (me.o).home_lng) <= (me.o).radius_km
    union all
    -- … and remote needs when remote is fine for me.
    select n.id from me join public.needs n
      on (me.o).remote_ok and n.remote and n.status = 'open' and n.municipality_id = (me.o).municipality_id
     and n.category = any ((me.o).categories) and n.target_group = any ((me.o).target_groups)
     and ((me.o).availability is null or n.time_windows is null or (me.o).availability && n.time_windows)
     and (me.o).languages @> n.required_languages
  )
  select n.id, n.title, n.organisation_id, org.name, n.category, n.target_group, n.hours, n.cadence,
         n.starts_on, n.ends_on, n.remote, c.distance_km, c.remaining_hours, c.capacity, c.windows_fit,
         c.windows_overlap, c.speaks_preferred, c.helped_org_before, c.total_matches, c.committed_this_month
  from nearby x
  join public.needs n on n.id = x.id
  join public.organisations org on org.id = n.organisation_id
  cross join lateral private.pair_checks(n.id, array(select me.o from me), null) c
  where c.violation is null
    -- A need whose places are all taken is not offered to more helpers.
    and (select count(*) from public.matches m
         where m.need_id = n.id and m.status in ('pending_approval', 'active')) < n.helpers_wanted
  order by c.windows_fit desc nulls last, c.distance_km asc nulls last, n.starts_on, n.id
  limit greatest(p_limit, 0);
end
$$;

-- private.double_booked (20261128002900_double_booking.sql)
create or replace function private.double_booked(p_need uuid, p_helper uuid, p_exclude_match uuid)
returns boolean
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return (
  select exists (
    select 1
    from public.needs n
    join public.matches m on m.helper_id = p_helper
                         and m.status in ('pending_approval', 'active')
                         and m.need_id <> n.id
                         and m.id is distinct from p_exclude_match
    join public.needs o on o.id = m.need_id
    where n.id = p_need
      and private.needs_clash(n.starts_on, n.ends_on, n.time_windows, o.starts_on, o.ends_on, o.time_windows))
  );
end
$$;

-- private.bookable_need_candidate_rows (20261128002910_bookable_candidates.sql)
create or replace function private.bookable_need_candidate_rows(p_need uuid, p_limit integer)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Every fitting helper first (pair_checks has already checked them all; the limit there only
  -- cuts the sorted list), then the limit after leaving out the double-booked.
  select c.* from private.need_candidate_rows(p_need, 2147483647) c
  where not private.double_booked(p_need, c.helper_id, null)
  order by c.windows_fit desc nulls last, c.distance_km asc nulls last, c.helper_id
  limit greatest(p_limit, 0);
end
$$;

-- public.bookable_need_candidates (20261128002910_bookable_candidates.sql)
create or replace function public.bookable_need_candidates(p_need uuid, p_limit integer default 50)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: a need the caller cannot see yields nothing.
  select c.* from public.needs n
  cross join lateral private.bookable_need_candidate_rows(n.id, p_limit) c
  where n.id = p_need;
end
$$;

-- private.bookable_fitting_need_rows (20261128002910_bookable_candidates.sql)
create or replace function private.bookable_fitting_need_rows(p_limit integer)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select f.* from private.fitting_need_rows(2147483647) f
  where not private.double_booked(f.need_id, (select auth.uid()), null)
  order by f.windows_fit desc nulls last, f.distance_km asc nulls last, f.starts_on, f.need_id
  limit greatest(p_limit, 0);
end
$$;

-- public.bookable_fitting_needs (20261128002910_bookable_candidates.sql)
create or replace function public.bookable_fitting_needs(p_limit integer default 50)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: only a person who can read their own offer gets needs.
  select c.* from public.offers o
  cross join lateral private.bookable_fitting_need_rows(p_limit) c
  where o.helper_id = (select auth.uid());
end
$$;
