-- Hour log corrections: a helper corrects (date, hours, note) or withdraws their own log while it
-- is not yet reviewed. Once a coordinator has confirmed or rejected it, it stays as reviewed.
-- The helper never sets a status; the review stamps stay the database's.

-- ---------------------------------------------------------------------------------------------
-- Grants: what may change at all (the same role for helpers and coordinators; the policy and the
-- review trigger below decide who changes which)
-- ---------------------------------------------------------------------------------------------
grant update (worked_on, hours, note) on public.hour_logs to authenticated;
grant delete on public.hour_logs to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Policies: one update policy (Supabase's advisor wants one permissive policy per action), so the
-- coordinator's review and the helper's correction are one sentence joined by "or"
-- ---------------------------------------------------------------------------------------------
drop policy "Coordinators review others' hour logs of their organisation" on public.hour_logs;
create policy "Coordinators review others' logs, helpers correct their own"
  on public.hour_logs
  for update to authenticated
  using ((helper_id <> (select auth.uid()) and organisation_id in (select private.coordinated_organisation_ids()))
         or (helper_id = (select auth.uid()) and status = 'logged'))
  with check ((helper_id <> (select auth.uid()) and organisation_id in (select private.coordinated_organisation_ids()))
              or (helper_id = (select auth.uid()) and status = 'logged'));

create policy "Helpers withdraw their own logs not yet reviewed" on public.hour_logs
  for delete to authenticated
  using (helper_id = (select auth.uid()) and status = 'logged');

-- ---------------------------------------------------------------------------------------------
-- Review trigger: a person either reviews someone else's log (status to confirmed or rejected,
-- nothing else) or corrects their own unreviewed log (date, hours, note; status stays 'logged')
-- ---------------------------------------------------------------------------------------------
-- Security invoker on purpose, as before: it must see the statement's role (the seed records history).
create or replace function private.hour_log_review() returns trigger
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
