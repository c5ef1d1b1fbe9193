-- Expiry: a need whose dates have passed (its end, or the day of a one-off without an end) stops
-- being matchable. Candidate lists and match verbs take only open needs, so the need becomes
-- 'expired': app.expire_past_needs() does it for every town, and the app's reads of needs call it
-- first (a lazy system job: nothing depends on a scheduler running). A person can neither post a
-- need whose dates have passed nor move an unposted or open need into the past.

create function private.need_is_past(p_starts date, p_ends date) returns boolean
language sql stable set search_path = ''
as $$ select coalesce(p_ends, p_starts) < private.berlin_today() $$;
comment on function private.need_is_past(date, date) is
  'True when a need''s last day (its end, else its start) lies before today in Europe/Berlin.';
grant execute on function private.need_is_past(date, date) to authenticated, service_role;

create index needs_last_day_idx on public.needs ((coalesce(ends_on, starts_on)))
  where status in ('pending_approval', 'open');

-- Security definer: it changes other organisations' needs, which only the calendar may do.
create function app.expire_past_needs() returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  -- skip locked: a need a verb holds right now is left to the next call, never waited for.
  with due as (
    select n.id from public.needs n
    where n.status in ('pending_approval', 'open')
      and coalesce(n.ends_on, n.starts_on) < private.berlin_today()
    for update skip locked
  )
  update public.needs n set status = 'expired', updated_at = now()
  from due where n.id = due.id;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function app.expire_past_needs() is
  'Marks every open or waiting need whose last day has passed as expired (no longer matchable); returns how many. Idempotent; the app calls it before reading needs, a scheduler may call it too. Matched needs stay matched: their coordinators complete them.';
grant execute on function app.expire_past_needs() to authenticated, service_role;

-- Security invoker: it must see whether a person acts (private.acting_as_person).
create function private.need_guard_dates() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.acting_as_person() or new.status not in ('draft', 'pending_approval', 'open')
     or not private.need_is_past(new.starts_on, new.ends_on) then
    return new;
  end if;
  if tg_op = 'INSERT'
     or (new.starts_on, new.ends_on) is distinct from (old.starts_on, old.ends_on)
     or (old.status = 'draft' and new.status <> 'draft') then
    perform private.fail('need_in_past');
  end if;
  return new;
end
$$;
comment on function private.need_guard_dates() is
  'For people: refuses need_in_past when a need is posted, created or given new dates while its last day has already passed.';
create trigger needs_d_guard_dates before insert or update on public.needs
  for each row execute function private.need_guard_dates();
