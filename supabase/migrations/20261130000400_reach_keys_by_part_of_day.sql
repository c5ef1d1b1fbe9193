-- Batch planning's reach keys by part of the day. Keyed by weekday (20261129000100), a need's probe
-- still met every offer of its kind near it on that day. In the bench town (2 000 needs, 20 000
-- helpers), 294 000 of the 456 000 pairs that the probes of the needs with windows returned failed
-- the hours check: a Tuesday-morning need met the Tuesday-evening offers. A key now names a
-- weekday's morning (before 12:00), afternoon (12:00–17:00) or evening (from 17:00), a slot 0–20
-- in the week's order, or 21 for "any time". An offer holds a key for each slot its windows touch
-- (all 22 without windows), a need probes each slot its windows touch (21 without windows), so a
-- pair whose windows overlap always shares a slot; the exact rules still run on what the probe
-- returns. The keys are rebuilt at the end; the per-need path (the need page) does not use them.

-- The old keys go first: the truncate holds the table until this migration commits, so an offer
-- written meanwhile keeps its keys out until then (its trigger then writes slot keys), and one
-- written before is waited for. A weekday key left over would read as another kind's slot.
truncate private.offer_reach_keys;

-- A week's minute's slot: 3 × weekday + part of the day (0 morning, 1 afternoon, 2 evening).
create function private.week_slot(p_minute integer) returns integer
language sql immutable parallel safe set search_path = ''
as $$
  select (p_minute / 1440) * 3
         + case when p_minute % 1440 < 720 then 0 when p_minute % 1440 < 1020 then 1 else 2 end
$$;
comment on function private.week_slot(integer)
  is 'The slot of a minute of the week: 3 × weekday (0 = Monday) + 0 before 12:00, 1 until 17:00, 2 from 17:00.';

-- Slots follow the minutes' order, so a window touches every slot from its first minute's to
-- its last's. A window without an end runs to the week's (20261130000500 refuses them from now
-- on; a probe must still meet what the exact rule would).
create function private.window_slots(p_windows int4multirange) returns integer[]
language sql immutable parallel safe set search_path = ''
as $$
  select coalesce(array_agg(distinct s order by s), '{}')
  from unnest(p_windows) r,
       generate_series(private.week_slot(greatest(coalesce(lower(r), 0), 0)),
                       private.week_slot(least(coalesce(upper(r), 10080), 10080) - 1)) s
$$;
comment on function private.window_slots(int4multirange) is 'The slots (private.week_slot) that weekly windows touch.';

-- Spaced by 32 for the 22 slots, with room for eight target groups; categories and target groups
-- in their enums' order, as the weekday keys of 20261129000100 were: a migration that adds a
-- category or target group anywhere but at the end must rebuild the keys.
create function private.reach_slot_key(p_category public.need_category, p_target public.target_group, p_slot integer)
returns integer
language sql immutable parallel safe set search_path = ''
as $$
  select ((array_position(enum_range(null::public.need_category), p_category) - 1) * 8
          + array_position(enum_range(null::public.target_group), p_target) - 1) * 32 + p_slot
$$;
comment on function private.reach_slot_key(public.need_category, public.target_group, integer)
  is 'Key of (category, target group, slot 0–20 or 21 for any time) in private.offer_reach_keys.';

create or replace function private.offer_reach_boxes(p_reach box, p_categories public.need_category[],
                                                     p_targets public.target_group[], p_availability int4multirange)
returns setof box
language sql immutable parallel safe set search_path = ''
as $$
  select private.keyed_box(p_reach, private.reach_slot_key(c, t, s))
  from unnest(p_categories) c
  cross join unnest(p_targets) t
  cross join unnest(case when p_availability is null then array(select generate_series(0, 21))
                         else private.window_slots(p_availability) || 21 end) s
  where p_reach is not null
$$;
comment on function private.offer_reach_boxes(box, public.need_category[], public.target_group[], int4multirange)
  is 'An offer''s reach box once per (category, target group, slot of the week) it offers, and once for any time, each shifted by its key.';

create or replace function private.organisation_nearby_offers(p_organisation uuid, p_part integer, p_parts integer)
returns table (need_id uuid, helper_id uuid, languages text[], availability int4multirange, paused_until date,
               hours_per_month numeric, distance_km double precision)
language sql stable security definer set search_path = '' rows 100000
as $$
  with n as materialized (
    select n.id, n.municipality_id, n.category, n.target_group, n.lat, n.lng, n.remote, n.time_windows,
           n.required_languages, private.window_slots(n.time_windows) as slots
    from public.needs n
    where n.organisation_id = p_organisation and n.status = 'open'
      and private.in_part(n.id, p_part, p_parts)
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  probes as (
    select n.id, n.lat, n.lng, n.municipality_id, n.remote, n.time_windows, n.required_languages,
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
    select p.id, p.lat, p.lng, p.municipality_id, p.remote, p.time_windows, p.required_languages, k.helper_id
    from probes p
    join private.offer_reach_keys k
      on k.reach && private.keyed_box(box(point(p.lng, p.lat), point(p.lng, p.lat)), p.key)
    where not p.several_slots
    union all
    select distinct on (p.id, k.helper_id)
           p.id, p.lat, p.lng, p.municipality_id, p.remote, p.time_windows, p.required_languages, k.helper_id
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
    select x.id as need_id, o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month, o.radius_km,
           2 * 6371.0 * asin(least(1.0, sqrt(
             power(sin(radians(o.home_lat - x.lat) / 2), 2)
             + cos(radians(x.lat)) * cos(radians(o.home_lat)) * power(sin(radians(o.home_lng - x.lng) / 2), 2))))
             as distance_km
    from keyed x
    join public.offers o on o.helper_id = x.helper_id
    where (o.municipality_id = x.municipality_id) is true
      and not (x.remote and o.remote_ok)
      and (o.languages @> x.required_languages) is true
      and (o.availability is null or x.time_windows is null or o.availability && x.time_windows)
    offset 0
  )
  select m.need_id, m.helper_id, m.languages, m.availability, m.paused_until, m.hours_per_month, m.distance_km
  from measured m
  where m.distance_km <= m.radius_km
  union all
  select n.id, o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month, null::double precision
  from n join public.offers o
    on n.remote and o.remote_ok
   and o.municipality_id = n.municipality_id
   and n.category = any (o.categories) and n.target_group = any (o.target_groups)
   and (o.languages @> n.required_languages) is true
   and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
$$;

-- The weekday keys are gone with the last function that made them.
drop function private.reach_key(public.need_category, public.target_group, integer);
drop function private.window_days(int4multirange);

-- Every offer's keys anew (the trigger keeps them from here on).
insert into private.offer_reach_keys (helper_id, reach)
select o.helper_id, b
from public.offers o
cross join private.offer_reach_boxes(o.reach, o.categories, o.target_groups, o.availability) b;
comment on table private.offer_reach_keys is
  'Each offer''s reach box once per (category, target group, slot of the week) it offers and once for any time, shifted by private.reach_slot_key: the retrieval index of batch planning. Kept by offers_reach_keys; offers without a home point have none.';
