-- No double booking: a helper is never proposed for, asked into, accepted into or approved for a
-- need whose weekly windows on its dates are already taken by another of their matches.
--
-- What "taken" means: a match waiting for the town (pending_approval) or active, the statuses
-- that hold a place and commit hours (private.committed_months). Both sides have said yes to it.
-- An open proposal or request is not a commitment yet: counting it would let one unanswered
-- proposal block a helper everywhere. Whichever is accepted first wins; the other one is refused
-- at acceptance. Ended matches (completed, declined, withdrawn) never count.
--
-- When two needs clash: their date ranges ([starts_on, ends_on or starts_on]) overlap, and on the
-- weekdays that occur in that common stretch their weekly windows overlap. Windows are half-open,
-- so Tue 14–16 and Tue 16–18 follow each other without clashing. A need without windows (most
-- remote needs) has no fixed time: it is done around other commitments and clashes with nothing;
-- the helper's hours are still limited by capacity_exceeded.
--
-- Mirrored by src/lib/domain/matching/booking.ts (needsClash), which the batch solver uses to
-- keep one helper off two clashing needs of one plan.

-- ---------------------------------------------------------------------------------------------
-- The predicate, written once
-- ---------------------------------------------------------------------------------------------
create function private.needs_clash(a_starts date, a_ends date, a_windows int4multirange,
                                    b_starts date, b_ends date, b_windows int4multirange)
returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  with span as (
    select greatest(a_starts, b_starts) as lo,
           least(coalesce(a_ends, a_starts), coalesce(b_ends, b_starts)) as hi
  ),
  -- The weekdays of the common stretch (at most seven days need looking at), as whole days of
  -- the week in minutes (Monday 00:00 = 0, as the windows are stored).
  days as (
    select range_agg(int4range(d * 1440, d * 1440 + 1440)) as week
    from span
    cross join lateral generate_series(span.lo::timestamp, least(span.hi, span.lo + 6)::timestamp,
                                       interval '1 day') g
    cross join lateral (select extract(isodow from g)::int - 1 as d) wd
  )
  select coalesce(a_windows is not null and b_windows is not null
                  and (select lo <= hi from span)
                  and (a_windows * b_windows) && (select week from days), false)
$$;
comment on function private.needs_clash(date, date, int4multirange, date, date, int4multirange)
  is 'True when two needs take the same time: their date ranges overlap and their weekly windows overlap on a weekday of the common dates. A need without windows clashes with nothing.';

-- PL/pgSQL with a generic cached plan, for the reason in 20261128000900_matching.sql; needs_clash
-- above stays SQL, because batch planning calls it per pair and as PL/pgSQL it costs three times
-- as much.
create function private.double_booked(p_need uuid, p_helper uuid, p_exclude_match uuid)
returns boolean
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return (
  select exists (
    select 1
    from public.needs n
    join public.matches m on m.helper_id = p_helper
                         and m.status in ('pending_approval', 'active')
                         and m.need_id <> n.id
                         and m.id is distinct from p_exclude_match
    join public.needs o on o.id = m.need_id
    where n.id = p_need
      and private.needs_clash(n.starts_on, n.ends_on, n.time_windows, o.starts_on, o.ends_on, o.time_windows))
  );
end
$$;
comment on function private.double_booked(uuid, uuid, uuid)
  is 'True when the helper''s time on the need''s windows and dates is already taken by another of their matches that waits for the town or is active (any organisation: only the boolean leaves it). p_exclude_match leaves the match being checked out.';

-- ---------------------------------------------------------------------------------------------
-- The guard: every verb that makes or moves a match forward passes through it
-- ---------------------------------------------------------------------------------------------
-- A trigger rather than a check in each verb: propose, request, accept, approve (and any
-- later verb or system job) all write matches, so one check covers them all and nothing else
-- has to remember it. It runs after the verbs' own rule checks, so a pair that breaks an
-- earlier rule is refused with that rule.
create function private.match_guard_double_booking() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status then
    return new;
  end if;
  -- The verbs hold this lock already (need, then offer); a writer outside them serialises here,
  -- so two concurrent acceptances of clashing needs cannot both pass.
  perform 1 from public.offers where helper_id = new.helper_id for update;
  if private.double_booked(new.need_id, new.helper_id, new.id) then
    perform private.fail('double_booking');
  end if;
  return new;
end
$$;
comment on function private.match_guard_double_booking() is
  'Refuses (double_booking) a match that is proposed, requested, accepted or approved while the helper''s time on the need''s dates and windows is taken by another match of theirs.';

create trigger matches_guard_double_booking
  before insert or update of status on public.matches
  for each row
  when (new.status in ('proposed', 'requested', 'pending_approval', 'active'))
  execute function private.match_guard_double_booking();

revoke all on function private.needs_clash(date, date, int4multirange, date, date, int4multirange),
  private.double_booked(uuid, uuid, uuid), private.match_guard_double_booking()
  from public, anon, authenticated;
