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
create function private.need_round_point() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.acting_as_person() then
    new.lat := private.round_lat(new.lat);
    new.lng := private.round_lng(new.lng);
  end if;
  return new;
end
$$;
comment on function private.need_round_point() is
  'For people rounds a need''s point to the ~500 m grid, as home points are: a need says roughly where, never whose door.';
create trigger needs_a_round_point before insert or update of lat, lng on public.needs
  for each row execute function private.need_round_point();
