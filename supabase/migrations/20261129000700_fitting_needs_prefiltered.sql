-- A helper's "needs for me" (fitting_need_rows) applies the cheap rules before pair_checks, as
-- the need page's candidates do: in the batch bench's town (2 000 open needs) a helper with a
-- 10 km reach had 1 172 needs of their kinds in their reach box and pair_checks ran for each,
-- though the windows, languages and distance leave 136. Replaces private.fitting_need_rows of
-- 20261129000500_matching_cached_plans.sql; only the retrieval differs.

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
