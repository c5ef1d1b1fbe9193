-- The need page's candidates through private.offer_reach_keys (20261129000100), as batch
-- planning finds them: a need's reach box probe met every offer whose radius reaches it (in the
-- candidate bench's town of 100 000 helpers, thousands per need) and filtered category, target
-- group and weekday row by row; the keyed probe meets only offers of the need's kind and day.
-- Replaces private.need_candidate_rows of 20261129000500_matching_cached_plans.sql; only the
-- retrieval differs (the same cheap rules, then pair_checks on what they leave).

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
  keyed as (
    -- Whose reach holds the need's point, among the offers of its kind and weekday (one GiST
    -- probe per weekday of the need, or the "any day" key without windows; see
    -- private.offer_reach_keys). An offer may meet a need of several weekdays through each.
    select distinct k.helper_id
    from n
    cross join unnest(case when n.time_windows is null then array[7] else private.window_days(n.time_windows) end) d
    join private.offer_reach_keys k
      on k.reach && private.keyed_box(box(n.point, n.point), private.reach_key(n.category, n.target_group, d))
  ),
  nearby as (
    -- Then the cheap rules row by row, so the full check (pair_checks, which applies every rule
    -- again) sees few rows.
    select o from n cross join keyed x join public.offers o
      on o.helper_id = x.helper_id
     and o.municipality_id = n.municipality_id
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
