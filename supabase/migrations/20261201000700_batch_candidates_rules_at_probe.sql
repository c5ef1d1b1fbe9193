-- Batch candidates: the §72a and pause rules where the pairs are found. organisation_nearby_offers
-- handed all its pairs (481 000 in the bench town: 2 000 open needs, 20 000 helpers) with each
-- offer's languages and availability to bookable_organisation_candidate_lists, which then dropped
-- 191 000 of them for §72a after two joins over all of them. Now:
-- - organisation_nearby_offers checks §72a (the inspections once per helper and town, as before)
--   and the pause with the offer, and gives the windows' fit instead of the availability and
--   languages;
-- - bookable_organisation_candidate_lists applies the remaining rules (hours, booked, double
--   booked), and reads the overlap and the languages spoken from the offer only for the rows kept.
-- The same rows in the same order (tests/db/matching/batch-set-based.test.ts compares them with the
-- per-need path); the read 2.04–2.30 s instead of 2.52–2.78 s (PostgreSQL 15, 2 cores). Bodies
-- otherwise as 20261130000400 and 20261201000400 (fix forward: both are released). The nearby
-- function's columns change, so it is dropped and made anew.

drop function private.organisation_nearby_offers(uuid, integer, integer);

create function private.organisation_nearby_offers(p_organisation uuid, p_part integer, p_parts integer)
returns table (need_id uuid, helper_id uuid, windows_fit boolean, hours_per_month numeric, distance_km double precision)
language sql stable security definer set search_path = '' rows 100000
as $$
  with n as materialized (
    select n.id, n.municipality_id, n.category, n.target_group, n.lat, n.lng, n.remote, n.time_windows,
           n.required_languages, private.window_slots(n.time_windows) as slots,
           n.requires_72a, coalesce(n.ends_on, n.starts_on) as last_day,
           greatest(n.starts_on, private.berlin_today()) as begins_on
    from public.needs n
    where n.organisation_id = p_organisation and n.status = 'open'
      and private.in_part(n.id, p_part, p_parts)
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  -- §72a once per helper, not private.inspection_valid per pair: the last day an inspection that
  -- counts (private.counting_inspections) covers, for this organisation's needs in each of their
  -- towns; with the offers of those towns, so a pair is checked where it is found.
  inspected as (
    select c.helper_id, t.municipality_id, max(c.until) as until
    from (select distinct n.municipality_id from n) t
    join private.counting_inspections c
      on c.organisation_id = p_organisation or c.municipality_id = t.municipality_id
    group by c.helper_id, t.municipality_id
  ),
  town_offers as materialized (
    select o.helper_id, o.municipality_id, o.home_lat, o.home_lng, o.radius_km, o.remote_ok, o.languages,
           o.availability, o.paused_until, o.hours_per_month, o.categories, o.target_groups, ins.until as inspected_until
    from public.offers o
    left join inspected ins on ins.helper_id = o.helper_id and ins.municipality_id = o.municipality_id
    where o.municipality_id in (select n.municipality_id from n)
  ),
  probes as (
    select n.id, n.lat, n.lng, n.municipality_id, n.remote, n.time_windows, n.required_languages,
           n.requires_72a, n.last_day, n.begins_on,
           private.reach_slot_key(n.category, n.target_group, s) as key,
           cardinality(n.slots) > 1 as several_slots
    from n
    cross join unnest(case when n.time_windows is null then array[21] else n.slots end) s
    where n.lat is not null
  ),
  keyed as (
    -- An offer meets a need of one slot (or none) through one key only; a need of several slots
    -- may meet it through each of them. With the need's columns, so the offers are joined once
    -- and the needs not again: given both, the planner, which cannot estimate these rules, joins
    -- needs and offers first (19 million pairs tried for 959 needs, 17 s).
    select p.id, p.lat, p.lng, p.municipality_id, p.remote, p.time_windows, p.required_languages,
           p.requires_72a, p.last_day, p.begins_on, k.helper_id
    from probes p
    join private.offer_reach_keys k
      on k.reach && private.keyed_box(box(point(p.lng, p.lat), point(p.lng, p.lat)), p.key)
    where not p.several_slots
    union all
    select distinct on (p.id, k.helper_id)
           p.id, p.lat, p.lng, p.municipality_id, p.remote, p.time_windows, p.required_languages,
           p.requires_72a, p.last_day, p.begins_on, k.helper_id
    from probes p
    join private.offer_reach_keys k
      on k.reach && private.keyed_box(box(point(p.lng, p.lat), point(p.lng, p.lat)), p.key)
    where p.several_slots
  ),
  measured as (
    -- private.haversine_km's formula, written out: a function call per pair (never inlined)
    -- cost about 1 s of this statement for the bench town's 380 000 pairs.
    -- tests/db/matching/batch-set-based.test.ts compares the distances with the per-need path.
    -- offset 0: computed once per pair, not again for the output.
    select x.id as need_id, o.helper_id,
           case when o.availability is null or x.time_windows is null then null
                else o.availability && x.time_windows end as windows_fit,
           o.hours_per_month, o.radius_km,
           2 * 6371.0 * asin(least(1.0, sqrt(
             power(sin(radians(o.home_lat - x.lat) / 2), 2)
             + cos(radians(x.lat)) * cos(radians(o.home_lat)) * power(sin(radians(o.home_lng - x.lng) / 2), 2))))
             as distance_km
    from keyed x
    join town_offers o on o.helper_id = x.helper_id
    where (o.municipality_id = x.municipality_id) is true
      and not coalesce(o.paused_until >= x.begins_on, false)
      and (not x.requires_72a or o.inspected_until > x.last_day)
      and not (x.remote and o.remote_ok)
      and (o.languages @> x.required_languages) is true
      and (o.availability is null or x.time_windows is null or o.availability && x.time_windows)
    offset 0
  )
  select m.need_id, m.helper_id, m.windows_fit, m.hours_per_month, m.distance_km
  from measured m
  where m.distance_km <= m.radius_km
  union all
  select n.id, o.helper_id,
         case when o.availability is null or n.time_windows is null then null
              else o.availability && n.time_windows end,
         o.hours_per_month, null::double precision
  from n join town_offers o
    on n.remote and o.remote_ok
   and not coalesce(o.paused_until >= n.begins_on, false)
   and (not n.requires_72a or o.inspected_until > n.last_day)
   and o.municipality_id = n.municipality_id
   and n.category = any (o.categories) and n.target_group = any (o.target_groups)
   and (o.languages @> n.required_languages) is true
   and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
$$;

comment on function private.organisation_nearby_offers(uuid, integer, integer)
  is 'The offers whose cheap rules (kind, town, windows, languages, distance or remote, pause, §72a) fit each open need of the organisation in the part, with whether their windows overlap; for bookable_organisation_candidate_lists only.';
revoke execute on function private.organisation_nearby_offers(uuid, integer, integer) from public, anon, authenticated;

create or replace function private.bookable_organisation_candidate_lists(p_organisation uuid, p_limit integer, p_part integer, p_parts integer)
returns table (need_id uuid, preferred_count integer, candidates text)
language sql stable security definer set search_path = '' set jit = off set work_mem = '128MB' set enable_mergejoin = off
as $$
  with n as materialized (
    select n.id, n.municipality_id, n.hours, n.time_windows, n.preferred_languages, n.starts_on, n.ends_on,
           private.month_of(n.starts_on) as first_month,
           private.need_last_month(n.cadence, n.starts_on, n.ends_on) as last_month
    from public.needs n
    where n.organisation_id = p_organisation and n.status = 'open'
      and private.in_part(n.id, p_part, p_parts)
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  nearby as (select * from private.organisation_nearby_offers(p_organisation, p_part, p_parts)),
  -- What pair_checks looks up per pair, here once per helper (a helper is near ~20 needs): for
  -- every helper with an offer in the needs' towns, where every nearby offer is. Naming them from
  -- the nearby pairs instead kept all those pairs a second time (481 000 in the bench town).
  booked as materialized (
    select m.helper_id, m.need_id, m.organisation_id, m.status, o.starts_on, o.ends_on, o.time_windows
    from public.matches m join public.needs o on o.id = m.need_id
    where m.helper_id in (select t.helper_id from public.offers t
                          where t.municipality_id in (select n.municipality_id from n))
  ),
  hist as (
    select b.helper_id,
           (count(*) filter (where b.organisation_id = p_organisation and b.status in ('active', 'completed')))::integer
             as helped_org_before,
           (count(*) filter (where b.status in ('pending_approval', 'active', 'completed')))::integer as total_matches
    from booked b group by b.helper_id
  ),
  spans as (select distinct n.first_month, n.last_month from n),
  load as (
    select cm.helper_id, s.first_month, s.last_month,
           max(cm.hours) filter (where cm.month between s.first_month and s.last_month) as peak,
           max(cm.hours) filter (where cm.month = private.month_of(private.berlin_today())) as this_month
    from (select c.helper_id, c.month, sum(c.hours) as hours
          from private.committed_months c
          where c.helper_id in (select b.helper_id from booked b where b.status in ('pending_approval', 'active'))
          group by c.helper_id, c.month) cm
    cross join spans s
    group by cm.helper_id, s.first_month, s.last_month
  ),
  fitting as (
    select x.need_id, x.helper_id, x.distance_km, n.preferred_languages, n.time_windows,
           x.hours_per_month - coalesce(load.peak, 0) as remaining_hours,
           x.hours_per_month::numeric as capacity,
           x.windows_fit,
           coalesce(hist.helped_org_before, 0) as helped_org_before, coalesce(hist.total_matches, 0) as total_matches,
           coalesce(load.this_month, 0) as committed_this_month
    from nearby x
    join n on n.id = x.need_id
    left join load on load.helper_id = x.helper_id and load.first_month = n.first_month and load.last_month = n.last_month
    left join hist on hist.helper_id = x.helper_id
    where x.hours_per_month - coalesce(load.peak, 0) >= n.hours
      and not exists (select 1 from booked b where b.helper_id = x.helper_id and b.need_id = x.need_id)
      -- double_booked: another match of the helper that takes time on these dates and windows.
      and not exists (
        select 1 from booked b
        where b.helper_id = x.helper_id and b.status in ('pending_approval', 'active') and b.need_id <> x.need_id
          and b.time_windows && n.time_windows
          and private.needs_clash(n.starts_on, n.ends_on, n.time_windows, b.starts_on, b.ends_on, b.time_windows))
  ),
  placed as (
    select f.*, row_number() over (partition by f.need_id
                                   order by f.windows_fit desc nulls last, f.distance_km asc nulls last, f.helper_id) as place
    from fitting f
  )
  -- One row per need, its candidates as one JSON array of tuples in the list's order (FactRow's
  -- order, src/lib/server/matching/plan-input.ts): the speaking check only where the need prefers
  -- languages. The offer's windows and languages only now, for the rows kept.
  select f.need_id, coalesce(cardinality(min(f.preferred_languages)), 0)::integer as preferred_count,
         json_agg(json_build_array(
           f.helper_id, p.display_name, f.distance_km, f.remaining_hours, f.capacity, f.windows_fit,
           -- The overlap only for the rows kept (a third of those that fit).
           case when o.availability is null or f.time_windows is null then null
                else (o.availability * f.time_windows)::int4multirange end,
           case when cardinality(f.preferred_languages) > 0
                then array(select l from unnest(f.preferred_languages) l where l = any (o.languages))
                else '{}'::text[] end,
           f.helped_org_before, f.total_matches, f.committed_this_month) order by f.place)::text as candidates
  from placed f
  join public.offers o on o.helper_id = f.helper_id
  join public.profiles p on p.id = f.helper_id
  where f.place <= greatest(p_limit, 0)
  group by f.need_id
$$;
