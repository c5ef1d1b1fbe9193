-- Hour logs: hours a helper worked on an active match, confirmed or rejected by a coordinator of
-- the match's organisation — never by the helper themselves. Only confirmed hours count. Until
-- it is reviewed, the helper corrects (date, hours, note) or withdraws their own log; once
-- reviewed it stays as it is.

create type public.hour_log_status as enum ('logged', 'confirmed', 'rejected');

create table public.hour_logs (
  id uuid primary key default gen_random_uuid(),
  match_id uuid not null references public.matches (id) on delete cascade,
  -- Null once the helper deleted their account: reviewed hours stay counted.
  helper_id uuid references public.profiles (id) on delete set null,
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  worked_on date not null,
  hours numeric(4, 2) not null check (hours > 0 and hours <= 24),
  note text not null default '' check (length(note) <= 500),
  status public.hour_log_status not null default 'logged',
  reviewed_by uuid references public.profiles (id) on delete set null,
  reviewed_at timestamptz,
  review_note text check (review_note is null or length(review_note) <= 500),
  -- Set by the phone for logs queued offline, so a replay is recognised and not counted twice.
  client_key uuid unique,
  created_at timestamptz not null default now(),
  check ((status = 'logged') = (reviewed_at is null))
);
create index hour_logs_match_idx on public.hour_logs (match_id);
create index hour_logs_helper_idx on public.hour_logs (helper_id, worked_on);
create index hour_logs_organisation_idx on public.hour_logs (organisation_id, status);
create index hour_logs_municipality_idx on public.hour_logs (municipality_id, status);
create index hour_logs_reviewed_by_idx on public.hour_logs (reviewed_by);
comment on table public.hour_logs is 'Hours a helper worked on an active match; only confirmed hours count.';
comment on column public.hour_logs.helper_id is 'The helper; null once they deleted their account (reviewed hours stay counted).';
comment on column public.hour_logs.review_note is 'The reviewer''s reason, e.g. why hours were rejected; the helper reads it.';
alter table public.hour_logs enable row level security;

grant select, delete on public.hour_logs to authenticated;
-- Whose hours, on which match and where is fixed at insert; the review stamps are the database's.
-- Helpers and coordinators share one role: the update policy and the review trigger decide who
-- changes which of these columns.
grant update (worked_on, hours, note, status, review_note) on public.hour_logs to authenticated;
grant all on public.hour_logs to service_role;

create policy "Helpers read their hour logs, coordinators their organisation's" on public.hour_logs
  for select to authenticated
  using (helper_id = (select auth.uid())
         or organisation_id in (select private.coordinated_organisation_ids())
         or municipality_id in (select private.governed_municipality_ids()));
-- No session role inserts hour logs: hours are logged only through app.log_hours
-- (20261128003910), a security definer with the checks an insert policy would make (own, active
-- match) that also recognises a repeat under the phone's client key (client_key_used). A direct
-- insert would let a helper store a log under a key of their choosing, and the verb would then
-- fail on the unique key for whoever's phone had made up that key.
-- One update policy (one permissive policy per action): the coordinator's review and the
-- helper's correction, joined by "or".
create policy "Coordinators review others' logs, helpers correct their own" on public.hour_logs
  for update to authenticated
  using ((helper_id <> (select auth.uid()) and organisation_id in (select private.coordinated_organisation_ids()))
         or (helper_id = (select auth.uid()) and status = 'logged'))
  with check ((helper_id <> (select auth.uid()) and organisation_id in (select private.coordinated_organisation_ids()))
              or (helper_id = (select auth.uid()) and status = 'logged'));
create policy "Helpers withdraw their own logs not yet reviewed" on public.hour_logs
  for delete to authenticated
  using (helper_id = (select auth.uid()) and status = 'logged');

-- ---------------------------------------------------------------------------------------------
-- Derived owner and plausibility
-- ---------------------------------------------------------------------------------------------
-- A log's day lies within the days its match ran, from its start to its end: a helper may still
-- correct a log nobody has reviewed once the match is over, but not move it past the end.
create function private.hour_log_check() returns trigger
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
create trigger hour_logs_a_check before insert or update of match_id, worked_on, hours, status on public.hour_logs
  for each row execute function private.hour_log_check();

-- ---------------------------------------------------------------------------------------------
-- Review: stamped by the database, once, never by the helper; corrections only by the helper
-- ---------------------------------------------------------------------------------------------
-- Security invoker on purpose: it must see the statement's role (the seed records history).
create function private.hour_log_review() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.acting_as_person() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.reviewed_by := null;
    new.reviewed_at := null;
    new.review_note := null;
    return new;
  end if;
  if old.status <> 'logged' then perform private.fail('hour_log_reviewed'); end if;
  if new.helper_id = (select auth.uid()) then
    -- The helper's correction: never a status, never a review note.
    if new.status <> 'logged' or new.review_note is distinct from old.review_note then
      perform private.fail('own_hours');
    end if;
    return new;
  end if;
  -- A reviewer judges the hours as logged and does not rewrite them.
  if new.worked_on <> old.worked_on or new.hours <> old.hours or new.note <> old.note then
    perform private.fail('hour_log_not_own');
  end if;
  if new.status not in ('confirmed', 'rejected') then perform private.fail('hour_log_not_reviewed'); end if;
  new.reviewed_by := (select auth.uid());
  new.reviewed_at := now();
  return new;
end
$$;
comment on function private.hour_log_review() is
  'For people: a log is reviewed once (hour_log_reviewed after that), to confirmed or rejected, by someone other than its helper (own_hours), without rewriting date, hours or note (hour_log_not_own); reviewed_by and reviewed_at are the reviewer and the time, whatever was sent. Its helper may correct date, hours and note while it is logged.';
create trigger hour_logs_b_review before insert or update on public.hour_logs
  for each row execute function private.hour_log_review();
