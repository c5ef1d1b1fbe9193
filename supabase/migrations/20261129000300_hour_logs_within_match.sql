-- Hours only on the days a match ran: a log's day is not after the day its match ended. A helper
-- may still correct a log nobody has reviewed once the match is over (its hours, its note, its
-- day), and until now could move it to any later day, which the coordinator was then asked to
-- confirm for a match that no longer ran. Replaces private.hour_log_check of
-- 20261128001000_hour_logs.sql (fix forward), adding that one check (hours_after_match).

create or replace function private.hour_log_check() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_began date;
  v_ended date;
  v_day numeric;
begin
  if tg_op = 'INSERT' then
    select m.helper_id, m.organisation_id, m.municipality_id,
           (coalesce(m.activated_at, m.created_at) at time zone 'Europe/Berlin')::date,
           (m.ended_at at time zone 'Europe/Berlin')::date
      into new.helper_id, new.organisation_id, new.municipality_id, v_began, v_ended
    from public.matches m where m.id = new.match_id;
  else
    select (coalesce(m.activated_at, m.created_at) at time zone 'Europe/Berlin')::date,
           (m.ended_at at time zone 'Europe/Berlin')::date
      into v_began, v_ended
    from public.matches m where m.id = new.match_id;
  end if;
  if new.worked_on > private.berlin_today() then perform private.fail('hours_in_future'); end if;
  if new.worked_on < v_began then perform private.fail('hours_before_match'); end if;
  if new.worked_on > v_ended then perform private.fail('hours_after_match'); end if;
  -- One helper's logs of one day, over all organisations; serialised per helper.
  perform pg_advisory_xact_lock(hashtextextended('hour_logs:' || new.helper_id::text, 0));
  select coalesce(sum(h.hours), 0) into v_day from public.hour_logs h
  where h.helper_id = new.helper_id and h.worked_on = new.worked_on and h.status <> 'rejected'
    and h.id <> new.id;
  if new.status <> 'rejected' and v_day + new.hours > 24 then perform private.fail('hours_exceed_day'); end if;
  return new;
end
$$;
comment on function private.hour_log_check() is
  'Sets helper, organisation and town from the match; refuses hours in the future (hours_in_future), before the match began (hours_before_match), after it ended (hours_after_match) or beyond 24 h per helper and day (hours_exceed_day).';
