-- Editing needs: a closed need (completed, cancelled, expired) is the record of what happened and
-- no longer changes; a need's point is, like a helper's home, only ever an approximate place.

-- Security invoker: it must see whether a person acts (private.acting_as_person).
create function private.need_guard_closed() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.acting_as_person() and old.status in ('completed', 'cancelled', 'expired') then
    perform private.fail('need_closed');
  end if;
  return new;
end
$$;
comment on function private.need_guard_closed() is
  'For people: refuses need_closed for any change to a completed, cancelled or expired need (its status is guarded by need_guard_status, the rest here).';
create trigger needs_a_guard_closed before update on public.needs
  for each row execute function private.need_guard_closed();

-- Security invoker, for people only (as offers): the seed's and tests' exact points stay as written.
-- Only when a point is placed or moved: updateNeed (src/lib/server/needs/write.ts) always writes
-- lat and lng, and a point stored off the grid (the seed's) must not be rounded by a title-only
-- edit, which would then count as a change of substance (need_has_matches under an active match,
-- back to the town where it approves needs).
create function private.need_round_point() returns trigger
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
create trigger needs_a_round_point before insert or update of lat, lng on public.needs
  for each row execute function private.need_round_point();
