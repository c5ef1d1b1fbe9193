-- The candidate lists with the one fact the score still read beside them: how many languages the
-- need prefers (the share of them a helper speaks is a score part, src/lib/domain/matching). The
-- app joined public.needs for it after each list, under the needs' row-level security: its
-- policies' sub-plans (matched, coordinated and governed ids) ran again for one number, 0.4 ms of
-- the helper's 1.4 ms list statement on the demo town (PostgreSQL 15). Here the count comes from
-- the need row the rules have already allowed; the lists, rules and caller checks are
-- bookable_fitting_need_rows' (set-based below) and bookable_need_candidates', unchanged.

-- From the helper's side, in one statement. Before, the list went through
-- bookable_fitting_need_rows, fitting_need_rows and then, per nearby need, pair_checks and
-- double_booked: each a prepared plan started anew, about 0.2 ms a need on PostgreSQL 15 — on the
-- demo town 0.6 of the page's 0.9 ms of database time, in a town where a helper's reach holds a
-- hundred needs of their kinds some 20 ms a page. Here the helper's own matches, committed months
-- and history are read once and joined to the nearby needs, as bookable_organisation_candidate_rows
-- does for a coordinator's needs (20261129000200_organisation_candidates.sql). The same retrieval,
-- rules, facts and order as bookable_fitting_needs, which keeps the per-need path:
-- tests/db/matching/candidate-facts.test.ts compares the two for every helper, on the demo towns
-- and in a generated town with load, bookings, pauses and §72a needs. Security definer for index
-- use (see need_candidate_rows); it reads only the caller's own offer.
create function private.bookable_fitting_need_fact_rows(p_limit integer)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric, preferred_count integer)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with me as materialized (
    select o.helper_id, o.municipality_id, o.categories, o.target_groups, o.languages, o.reach,
           o.radius_km, o.remote_ok, o.availability, o.paused_until, o.hours_per_month, o.home_lat, o.home_lng,
           private.month_of(private.berlin_today()) as this_month
    from public.offers o where o.helper_id = (select auth.uid())
  ),
  -- The retrieval of fitting_need_rows: open needs of my kinds whose point lies in my reach box,
  -- then the rules that need nothing but the two rows (town, kinds, languages, windows, range) …
  nearby as (
    select n.*, private.haversine_km(n.lat, n.lng, me.home_lat, me.home_lng) as distance_km
    from me join public.needs n
      on n.point <@ me.reach
     and n.status = 'open' and n.municipality_id = me.municipality_id
     and n.category = any (me.categories) and n.target_group = any (me.target_groups)
     and not (n.remote and me.remote_ok)
     and (me.availability is null or n.time_windows is null or me.availability && n.time_windows)
     and me.languages @> n.required_languages
     and private.haversine_km(n.lat, n.lng, me.home_lat, me.home_lng) <= me.radius_km
    union all
    -- … and remote needs when remote is fine for me (no distance).
    select n.*, null::double precision from me join public.needs n
      on me.remote_ok and n.remote and n.status = 'open' and n.municipality_id = me.municipality_id
     and n.category = any (me.categories) and n.target_group = any (me.target_groups)
     and (me.availability is null or n.time_windows is null or me.availability && n.time_windows)
     and me.languages @> n.required_languages
  ),
  n as materialized (
    select x.*,
           private.month_of(x.starts_on) as first_month,
           private.need_last_month(x.cadence, x.starts_on, x.ends_on) as last_month,
           greatest(x.starts_on, private.berlin_today()) as begins_on
    from nearby x
  ),
  -- What pair_checks and double_booked look up per need, once: my matches with their needs' dates …
  mine as materialized (
    select m.need_id, m.organisation_id, m.status, o.starts_on, o.ends_on, o.time_windows
    from public.matches m join public.needs o on o.id = m.need_id
    where m.helper_id = (select auth.uid())
  ),
  -- … and the hours they commit per month.
  months as materialized (
    select c.month, sum(c.hours) as hours from private.committed_months c
    where c.helper_id = (select auth.uid())
    group by c.month
  ),
  fitting as (
    select n.*, me.hours_per_month - coalesce(load.peak, 0) as remaining_hours,
           me.hours_per_month::numeric as capacity,
           case when me.availability is null or n.time_windows is null then null
                else me.availability && n.time_windows end as windows_fit,
           case when me.availability is null or n.time_windows is null then null
                else (me.availability * n.time_windows)::int4multirange end as windows_overlap,
           array(select l from unnest(n.preferred_languages) l where l = any (me.languages)) as speaks_preferred,
           coalesce(load.this_month, 0) as committed_this_month
    from n cross join me
    cross join lateral (
      select max(mo.hours) filter (where mo.month between n.first_month and n.last_month) as peak,
             sum(mo.hours) filter (where mo.month = me.this_month) as this_month
      from months mo
    ) load
    where not coalesce(me.paused_until >= n.begins_on, false)
      and not exists (select 1 from mine m where m.need_id = n.id)
      and (not n.requires_72a or private.inspection_valid(me.helper_id, n.id))
      and me.hours_per_month - coalesce(load.peak, 0) >= n.hours
      -- A need whose places are all taken is not offered to more helpers.
      and (select count(*) from public.matches m
           where m.need_id = n.id and m.status in ('pending_approval', 'active')) < n.helpers_wanted
      -- double_booked: another match of mine that takes time on these dates and windows.
      and not exists (
        select 1 from mine m
        where m.status in ('pending_approval', 'active') and m.need_id <> n.id
          and private.needs_clash(n.starts_on, n.ends_on, n.time_windows, m.starts_on, m.ends_on, m.time_windows))
  )
  select f.id, f.title, f.organisation_id, org.name, f.category, f.target_group, f.hours, f.cadence,
         f.starts_on, f.ends_on, f.remote, f.distance_km, f.remaining_hours, f.capacity, f.windows_fit,
         f.windows_overlap, f.speaks_preferred,
         (select (count(*) filter (where m.organisation_id = f.organisation_id
                                        and m.status in ('active', 'completed')))::integer from mine m),
         (select (count(*) filter (where m.status in ('pending_approval', 'active', 'completed')))::integer from mine m),
         f.committed_this_month, coalesce(cardinality(f.preferred_languages), 0)
  from fitting f
  join public.organisations org on org.id = f.organisation_id
  order by f.windows_fit desc nulls last, f.distance_km asc nulls last, f.starts_on, f.id
  limit greatest(p_limit, 0);
end
$$;
comment on function private.bookable_fitting_need_fact_rows(integer)
  is 'The current person''s bookable fitting needs in one statement, with the number of languages each need prefers: the rows and order of bookable_fitting_need_rows, the rules of pair_checks and double_booked applied set-based.';

create function public.bookable_fitting_need_facts(p_limit integer default 50)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric, preferred_count integer)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: only a person who can read their own offer gets needs.
  select c.* from public.offers o
  cross join lateral private.bookable_fitting_need_fact_rows(p_limit) c
  where o.helper_id = (select auth.uid());
end
$$;
comment on function public.bookable_fitting_need_facts(integer)
  is 'bookable_fitting_needs with the number of languages each need prefers: every fact the helper''s ranking needs in one call.';

-- From the coordinator's side: the need row that row-level security lets through is at hand.
create function public.bookable_need_candidate_facts(p_need uuid, p_limit integer default 50)
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
  cross join lateral private.bookable_need_candidate_rows(n.id, p_limit) c
  where n.id = p_need;
end
$$;
comment on function public.bookable_need_candidate_facts(uuid, integer)
  is 'bookable_need_candidates with the number of languages the need prefers: every fact the need page''s ranking needs in one call.';

revoke all on function private.bookable_fitting_need_fact_rows(integer),
  public.bookable_fitting_need_facts(integer), public.bookable_need_candidate_facts(uuid, integer)
  from public, anon;
grant execute on function private.bookable_fitting_need_fact_rows(integer),
  public.bookable_fitting_need_facts(integer), public.bookable_need_candidate_facts(uuid, integer)
  to authenticated, service_role;
