-- The facts of one pair for the score a proposal stores. app.propose_match's caller
-- (src/lib/server/matching/verbs.ts, candidateScore) read the need's whole candidate list and kept
-- one row: on the batch bench's town of 20 000 helpers 11–16 ms a proposal, a third of sending a
-- reviewed plan. p_helper narrows the nearby offers to that helper's, so the matches, committed
-- months and §72a inspections are read for one helper; null keeps the list as it was. The row is
-- the list's row for that helper or nothing (tests/db/matching/candidate-facts.test.ts).
-- Filtering the list by helper read the need's nearby offers all the same (13.6 ms a pair there):
-- the helper's offer is found by its helper in a branch of its own. Fix-forward of
-- 20261130000900 (landed): the body is that migration's with that branch added to "nearby"; the
-- signature gains p_helper, so the old one is dropped. And "inspected" asks per nearby helper: the
-- semi-join on the view read every inspection of every town first (7.6 ms of the 8.2 a pair took
-- with 13 346 inspections, and as much again for every need's list).
drop function public.bookable_need_candidate_facts(uuid, integer);
drop function private.bookable_need_candidate_fact_rows(uuid, integer);

create function private.bookable_need_candidate_fact_rows(p_need uuid, p_limit integer, p_helper uuid default null)
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
      on p_helper is null
     and o.reach && box(n.point, n.point)
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and not (n.remote and o.remote_ok)
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
     and private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) <= o.radius_km
    union all
    select o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month, null::double precision
    from n join public.offers o
      on p_helper is null
     and n.remote and o.remote_ok
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
    union all
    -- One helper's offer (p_helper): found by its helper, the two branches' rules in one; the
    -- branches above and this one are skipped by a one-time filter on p_helper.
    select o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month,
           case when not (n.remote and o.remote_ok) then private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) end
    from n join public.offers o
      on p_helper is not null and o.helper_id = p_helper
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
     and ((n.remote and o.remote_ok)
          or (o.reach && box(n.point, n.point) and private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) <= o.radius_km))
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
    select x.helper_id,
           (select max(c.until) from private.counting_inspections c
            where c.helper_id = x.helper_id
              and (c.organisation_id = n.organisation_id or c.municipality_id = n.municipality_id)) as until
    from nearby x cross join n
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
comment on function private.bookable_need_candidate_fact_rows(uuid, integer, uuid)
  is 'bookable_need_candidate_rows in one statement: the helpers who fit the open need under every hard rule and are not double-booked, with the facts for the score, in the same order; only for coordinators of the need''s organisation or municipal coordinators of its town. p_helper: that helper''s row only, or none.';
revoke all on function private.bookable_need_candidate_fact_rows(uuid, integer, uuid) from public, anon;
grant execute on function private.bookable_need_candidate_fact_rows(uuid, integer, uuid) to authenticated, service_role;

create function public.bookable_need_candidate_facts(p_need uuid, p_limit integer default 50, p_helper uuid default null)
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
  cross join lateral private.bookable_need_candidate_fact_rows(n.id, p_limit, p_helper) c
  where n.id = p_need;
end
$$;
comment on function public.bookable_need_candidate_facts(uuid, integer, uuid)
  is 'bookable_need_candidates with the number of languages the need prefers: every fact the need page''s ranking needs in one call; p_helper: one helper''s row (a proposal''s score).';
revoke all on function public.bookable_need_candidate_facts(uuid, integer, uuid) from public, anon;
grant execute on function public.bookable_need_candidate_facts(uuid, integer, uuid) to authenticated, service_role;
