-- A need's point is rounded when a person places or moves it, not on every edit that names it.
-- updateNeed (src/lib/server/needs/write.ts) always writes lat and lng; a point stored off the
-- ~500 m grid (the seed's, or one written before rounding) was rounded by a title-only edit, which
-- then counted as a change of substance: refused with need_has_matches under an active match, and
-- sent back to the town where it approves needs.
--
-- Replaces private.need_round_point of 20261128002220_need_edit_guards.sql (fix forward).

create or replace function private.need_round_point() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.acting_as_person()
     and (tg_op = 'INSERT' or new.lat is distinct from old.lat or new.lng is distinct from old.lng) then
    new.lat := private.round_lat(new.lat);
    new.lng := private.round_lng(new.lng);
  end if;
  return new;
end
$$;
comment on function private.need_round_point() is
  'For people rounds a need''s point to the ~500 m grid when it is placed or moved, as home points are: a need says roughly where, never whose door. An edit that leaves the point as stored leaves it as it is.';
