-- Offer reach keys: an index that answers "whose radius reaches this point, for this category,
-- target group and weekday" in one GiST probe, for batch planning.
--
-- Why: found through offers_reach_idx alone, as need_candidate_rows does, a need's helpers are
-- too many for the batch (20261129000200_organisation_candidates.sql): in a town of 20 000 helpers
-- a reach box holds a need's point for ~5 000 offers, of which ~170 also share its category,
-- target group and weekday: for 2 000 needs the GiST scan handed 10 million rows to the filters
-- (6.8 s of the statement's 12 s). Here every
-- offer's reach box is stored once per (category, target group, weekday) it offers, shifted along
-- x by that key, so a probe with the need's shifted point meets only offers of its kind and day.
-- The exact rules (windows, languages, distance, town) still run on what the probe returns.

-- The key of a category, target group and weekday (0 = Monday … 6 = Sunday, 7 = "any day": a
-- need without windows probes 7, and every offer holds it). Spaced by 8 so the enums may grow to
-- eight target groups. Keys follow the enums' order: a migration that adds a category or target
-- group anywhere but at the end must rebuild private.offer_reach_keys (delete, then the insert
-- at the end of this file).
create function private.reach_key(p_category public.need_category, p_target public.target_group, p_day integer)
returns integer
language sql immutable parallel safe set search_path = ''
as $$
  select ((array_position(enum_range(null::public.need_category), p_category) - 1) * 8
          + array_position(enum_range(null::public.target_group), p_target) - 1) * 8 + p_day
$$;
comment on function private.reach_key(public.need_category, public.target_group, integer)
  is 'Key of (category, target group, weekday 0–6 or 7 for any day) in private.offer_reach_keys.';

-- The weekdays (0 = Monday) weekly windows touch.
create function private.window_days(p_windows int4multirange) returns integer[]
language sql immutable parallel safe set search_path = ''
as $$
  select coalesce(array_agg(distinct d order by d), '{}')
  from unnest(p_windows) r, generate_series(lower(r) / 1440, (upper(r) - 1) / 1440) d
$$;
comment on function private.window_days(int4multirange) is 'The weekdays (0 = Monday … 6 = Sunday) that weekly windows touch.';

-- A box moved along x by a key: 1 000° apart, so boxes of different keys never meet.
create function private.keyed_box(p_box box, p_key integer) returns box
language sql immutable parallel safe set search_path = ''
as $$
  select box(point((p_box[0])[0] + p_key * 1000.0, (p_box[0])[1]), point((p_box[1])[0] + p_key * 1000.0, (p_box[1])[1]))
$$;
comment on function private.keyed_box(box, integer) is 'The box moved along x by 1 000° per key (private.offer_reach_keys).';

-- An offer's keyed reach boxes. Offers without windows are free every day: all eight day keys.
create function private.offer_reach_boxes(p_reach box, p_categories public.need_category[],
                                          p_targets public.target_group[], p_availability int4multirange)
returns setof box
language sql immutable parallel safe set search_path = ''
as $$
  select private.keyed_box(p_reach, private.reach_key(c, t, d))
  from unnest(p_categories) c
  cross join unnest(p_targets) t
  cross join unnest(case when p_availability is null then array[0, 1, 2, 3, 4, 5, 6, 7]
                         else private.window_days(p_availability) || 7 end) d
  where p_reach is not null
$$;
comment on function private.offer_reach_boxes(box, public.need_category[], public.target_group[], int4multirange)
  is 'An offer''s reach box once per (category, target group, weekday) it offers, each shifted by its key.';

create table private.offer_reach_keys (
  helper_id uuid not null references public.offers (helper_id) on delete cascade,
  reach box not null
);
create index offer_reach_keys_reach_idx on private.offer_reach_keys using gist (reach);
create index offer_reach_keys_helper_idx on private.offer_reach_keys (helper_id);
comment on table private.offer_reach_keys is
  'Each offer''s reach box once per (category, target group, weekday) it offers, shifted by private.reach_key: the retrieval index of batch planning. Kept by offers_reach_keys; offers without a home point have none.';
alter table private.offer_reach_keys enable row level security;
revoke all on private.offer_reach_keys from public, anon, authenticated;

create function private.refresh_offer_reach_keys() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  delete from private.offer_reach_keys k where k.helper_id = new.helper_id;
  insert into private.offer_reach_keys (helper_id, reach)
  select new.helper_id, b from private.offer_reach_boxes(new.reach, new.categories, new.target_groups, new.availability) b;
  return null;
end
$$;
comment on function private.refresh_offer_reach_keys() is 'Rewrites an offer''s rows in private.offer_reach_keys after it is written.';
revoke execute on function private.refresh_offer_reach_keys() from public, anon, authenticated;

create trigger offers_reach_keys after insert or update of categories, target_groups, availability, home_lat, home_lng, radius_km
  on public.offers for each row execute function private.refresh_offer_reach_keys();

-- The offers there are now.
insert into private.offer_reach_keys (helper_id, reach)
select o.helper_id, b
from public.offers o
cross join private.offer_reach_boxes(o.reach, o.categories, o.target_groups, o.availability) b;
