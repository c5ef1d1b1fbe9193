-- A need's candidates in one statement, as the helper's list has been since
-- 20261129000400_candidate_facts.sql. bookable_need_candidate_facts went through
-- bookable_need_candidate_rows, need_candidate_rows, pair_checks and, per fitting helper,
-- double_booked and inspection_valid: each a plan started anew, 0.38 ms of the coordinator's need
-- page's 1.1 ms of database time on the demo town for a need with no candidate at all (PostgreSQL 15,
-- pgbench on one warm connection); under the page bench's load it took a fifth of the page's
-- requests per second. Here the nearby offers are those need_candidate_rows finds, and the rules
-- are bookable_organisation_candidate_rows' (20261130000800), read once for those helpers: their
-- matches, committed months and counting §72a inspections. bookable_need_candidates keeps the
-- per-need path; tests/db/matching/candidate-facts.test.ts holds the two to the same rows in the
-- same order for every coordinator's need, on the demo towns and in a generated town with load,
-- bookings, pauses and §72a needs. Security definer for index use (see need_candidate_rows); it
-- checks the caller as need_candidate_rows does.
create function private.bookable_need_candidate_fact_rows(p_need uuid, p_limit integer)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with n as materialized (
    select n.id, n.organisation_id, n.municipality_id, n.category, n.target_group, n.hours, n.lat, n.lng, n.point,
           n.remote, n.time_windows, n.required_languages, n.preferred_languages, n.requires_72a,
           n.starts_on, n.ends_on,
           private.month_of(n.starts_on) as first_month,
           private.need_last_month(n.cadence, n.starts_on, n.ends_on) as last_month,
           greatest(n.starts_on, private.berlin_today()) as begins_on,
           private.month_of(private.berlin_today()) as this_month
    from public.needs n
    where n.id = p_need and n.status = 'open'
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  -- need_candidate_rows' retrieval: the reach box (GiST) and the cheap rules, or remote for both.
  nearby as materialized (
    select o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month,
           private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) as distance_km
    from n join public.offers o
      on o.reach && box(n.point, n.point)
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and not (n.remote and o.remote_ok)
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
     and private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) <= o.radius_km
    union all
    select o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month, null::double precision
    from n join public.offers o
      on n.remote and o.remote_ok
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
  ),
  -- Every match of those helpers, with its need's dates and windows (already matched, double
  -- booking and history).
  booked as materialized (
    select m.helper_id, m.need_id, m.organisation_id, m.status, o.starts_on, o.ends_on, o.time_windows
    from public.matches m join public.needs o on o.id = m.need_id
    where m.helper_id in (select x.helper_id from nearby x)
  ),
  hist as (
    select b.helper_id,
           (count(*) filter (where b.organisation_id = n.organisation_id and b.status in ('active', 'completed')))::integer
             as helped_org_before,
           (count(*) filter (where b.status in ('pending_approval', 'active', 'completed')))::integer as total_matches
    from booked b cross join n group by b.helper_id
  ),
  load as (
    select cm.helper_id,
           max(cm.hours) filter (where cm.month between n.first_month and n.last_month) as peak,
           max(cm.hours) filter (where cm.month = n.this_month) as this_month
    from (select c.helper_id, c.month, sum(c.hours) as hours
          from private.committed_months c
          where c.helper_id in (select x.helper_id from nearby x)
          group by c.helper_id, c.month) cm
    cross join n
    group by cm.helper_id
  ),
  -- §72a: the last day an inspection that counts for this need covers (private.counting_inspections).
  inspected as (
    select c.helper_id, max(c.until) as until
    from private.counting_inspections c cross join n
    where c.helper_id in (select x.helper_id from nearby x)
      and (c.organisation_id = n.organisation_id or c.municipality_id = n.municipality_id)
    group by c.helper_id
  )
  select x.helper_id, p.display_name, x.distance_km,
         x.hours_per_month - coalesce(l.peak, 0),
         x.hours_per_month::numeric,
         case when x.availability is null or n.time_windows is null then null
              else x.availability && n.time_windows end,
         case when x.availability is null or n.time_windows is null then null
              else (x.availability * n.time_windows)::int4multirange end,
         array(select lang from unnest(n.preferred_languages) lang where lang = any (x.languages)),
         coalesce(h.helped_org_before, 0), coalesce(h.total_matches, 0), coalesce(l.this_month, 0)
  from nearby x
  cross join n
  join public.profiles p on p.id = x.helper_id
  left join load l on l.helper_id = x.helper_id
  left join hist h on h.helper_id = x.helper_id
  left join inspected i on i.helper_id = x.helper_id
  where not coalesce(x.paused_until >= n.begins_on, false)
    and (not n.requires_72a or i.until > coalesce(n.ends_on, n.starts_on))
    and x.hours_per_month - coalesce(l.peak, 0) >= n.hours
    and not exists (select 1 from booked b where b.helper_id = x.helper_id and b.need_id = n.id)
    -- double_booked: another match of the helper that takes time on these dates and windows.
    and not exists (
      select 1 from booked b
      where b.helper_id = x.helper_id and b.status in ('pending_approval', 'active') and b.need_id <> n.id
        and b.time_windows && n.time_windows
        and private.needs_clash(n.starts_on, n.ends_on, n.time_windows, b.starts_on, b.ends_on, b.time_windows))
  order by 6 desc nulls last, 3 asc nulls last, 1
  limit greatest(p_limit, 0);
end
$$;
comment on function private.bookable_need_candidate_fact_rows(uuid, integer)
  is 'bookable_need_candidate_rows in one statement: the helpers who fit the open need under every hard rule and are not double-booked, with the facts for the score, in the same order; only for coordinators of the need''s organisation or municipal coordinators of its town.';
revoke all on function private.bookable_need_candidate_fact_rows(uuid, integer) from public, anon;
grant execute on function private.bookable_need_candidate_fact_rows(uuid, integer) to authenticated, service_role;

-- Same signature, grants and caller check (the need row row-level security lets through).
create or replace function public.bookable_need_candidate_facts(p_need uuid, p_limit integer default 50)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric, preferred_count integer)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: a need the caller cannot see yields nothing.
  select c.*, coalesce(cardinality(n.preferred_languages), 0) from public.needs n
  cross join lateral private.bookable_need_candidate_fact_rows(n.id, p_limit) c
  where n.id = p_need;
end
$$;
