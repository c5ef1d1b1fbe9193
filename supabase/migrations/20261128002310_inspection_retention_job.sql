-- §72a records are kept only while they serve: the retention job deletes them and sends the
-- re-check reminders. The system runs it (the app every six hours, `npm run jobs` once); people
-- cannot. Every function takes the clock as a parameter, so tests control the time.

-- ---------------------------------------------------------------------------------------------
-- When a record is due for re-check (the page and the reminders share the rule)
-- ---------------------------------------------------------------------------------------------
create function private.inspection_recheck_due(p_recheck_on date, p_today date) returns boolean
language sql immutable parallel safe set search_path = ''
as $$ select p_recheck_on <= p_today + 56 $$;
comment on function private.inspection_recheck_due(date, date) is
  'True from eight weeks (56 days) before the re-check date on, and after it.';
grant execute on function private.inspection_recheck_due(date, date) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Whose matches count for a record
-- ---------------------------------------------------------------------------------------------
-- The organisation that inspected; where a town office inspects town-wide, every organisation of
-- the town (its record counts for their needs, so their matches use it).
create function private.inspection_served_organisation_ids(p_organisation uuid) returns setof uuid
language sql stable set search_path = ''
as $$
  select p_organisation
  union
  select o.id
  from public.organisations office
  join public.municipalities mu on mu.id = office.municipality_id and mu.municipality_inspects_72a
  join public.organisations o on o.municipality_id = mu.id
  where office.id = p_organisation and office.kind = 'municipal'
$$;
comment on function private.inspection_served_organisation_ids(uuid) is
  'The organisations whose matches a §72a record of this organisation serves: itself, and for a town office of a town that inspects town-wide, every organisation of the town.';

-- ---------------------------------------------------------------------------------------------
-- Deletion
-- ---------------------------------------------------------------------------------------------
-- A record goes when no match of the helper with the organisations it serves is open (proposed,
-- requested, waiting for approval or active), and either
--   · the helper's last activity there ended three months ago: the latest end of a closed match
--     (completed, withdrawn, declined), on or after the inspection day, is at least three months
--     before today; or
--   · it was never used: no match there was active at any time since the inspection (activated,
--     and not ended before the inspection day), and the inspection is three months old.
-- "Active at any time since" rather than "activated since": a re-check recorded during a match
-- serves that match. Days are Europe/Berlin calendar days.
create function private.inspections_due_for_deletion(p_now timestamptz)
returns table (id uuid, reason text)
language sql stable set search_path = ''
as $$
  with facts as (
    select i.id, i.inspected_on,
           bool_or(m.status in ('proposed', 'requested', 'pending_approval', 'active')) as open,
           max((coalesce(m.ended_at, m.updated_at) at time zone 'Europe/Berlin')::date)
             filter (where m.status in ('completed', 'withdrawn', 'declined')) as last_end,
           bool_or(m.activated_at is not null
                   and (coalesce(m.ended_at, m.updated_at) at time zone 'Europe/Berlin')::date >= i.inspected_on) as used
    from public.inspections_72a i
    left join public.matches m
      on m.helper_id = i.helper_id
     and m.organisation_id in (select private.inspection_served_organisation_ids(i.inspecting_organisation_id))
    group by i.id, i.inspected_on
  ),
  due as (
    select f.id,
           -- an end before the inspection day is not this record's activity: the second rule decides
           f.last_end >= f.inspected_on
             and (f.last_end + interval '3 months')::date <= (p_now at time zone 'Europe/Berlin')::date as activity_ended,
           not coalesce(f.used, false)
             and (f.inspected_on + interval '3 months')::date <= (p_now at time zone 'Europe/Berlin')::date as never_used
    from facts f
    where not coalesce(f.open, false)
  )
  select d.id, case when d.activity_ended then 'activity_ended'::text else 'never_used' end
  from due d
  where coalesce(d.activity_ended, false) or d.never_used
$$;
comment on function private.inspections_due_for_deletion(timestamptz) is
  '§72a records to delete at p_now, with the rule that applies: activity_ended (no open match with the organisations the record serves, the last closed one ended at least three months ago) or never_used (none open, none active since the inspection, inspected at least three months ago).';

create function private.purge_inspections(p_now timestamptz) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_deleted integer;
begin
  delete from public.inspections_72a i
  where i.id in (select d.id from private.inspections_due_for_deletion(p_now) d);
  get diagnostics v_deleted = row_count;
  return v_deleted;
end
$$;
comment on function private.purge_inspections(timestamptz) is
  'Deletes the §72a records private.inspections_due_for_deletion names at p_now; returns how many. For the system only.';

-- ---------------------------------------------------------------------------------------------
-- Re-check reminders: once per record and re-check date
-- ---------------------------------------------------------------------------------------------
create table private.inspection_reminders (
  inspection_id uuid not null references public.inspections_72a (id) on delete cascade,
  recheck_on date not null,
  sent_at timestamptz not null,
  primary key (inspection_id, recheck_on)
);
comment on table private.inspection_reminders is
  'Which §72a re-check reminders went out: one per record and re-check date, so a recorded re-check (a new date) is reminded of again in time.';
alter table private.inspection_reminders enable row level security;

create function private.remind_inspection_rechecks(p_now timestamptz) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_today date := (p_now at time zone 'Europe/Berlin')::date;
  v_due record;
  v_count integer := 0;
begin
  for v_due in
    select i.id, i.helper_id, i.recheck_on, o.id as organisation_id, o.name as organisation
    from public.inspections_72a i
    join public.organisations o on o.id = i.inspecting_organisation_id
    where private.inspection_recheck_due(i.recheck_on, v_today)
      and not i.conviction_listed
      and not exists (select 1 from private.inspection_reminders r
                      where r.inspection_id = i.id and r.recheck_on = i.recheck_on)
    order by i.recheck_on, i.id
  loop
    insert into private.inspection_reminders (inspection_id, recheck_on, sent_at)
    values (v_due.id, v_due.recheck_on, p_now);
    -- The helper brings a new certificate; the organisation's coordinators look at it.
    insert into private.outbox (recipient, subject, body, created_at)
    select c.email,
           case p.locale when 'en' then '§72a: re-check due by ' || to_char(v_due.recheck_on, 'FMDD Mon YYYY')
                         else '§72a: Erneute Einsichtnahme bis ' || to_char(v_due.recheck_on, 'DD.MM.YYYY') end,
           case
             when p.id = v_due.helper_id and p.locale = 'en' then
               format(E'The inspection of your extended certificate of conduct at %s runs out on %s. Please apply for a new certificate in time and show it to %s; until then you cannot be matched to needs that require it.\n',
                      v_due.organisation, to_char(v_due.recheck_on, 'FMDD Mon YYYY'), v_due.organisation)
             when p.id = v_due.helper_id then
               format(E'Die Einsichtnahme in dein erweitertes Führungszeugnis bei %s läuft am %s ab. Bitte beantrage rechtzeitig ein neues Führungszeugnis und zeige es %s; bis dahin kannst du Bedarfen, die es verlangen, nicht zugeordnet werden.\n',
                      v_due.organisation, to_char(v_due.recheck_on, 'DD.MM.YYYY'), v_due.organisation)
             when p.locale = 'en' then
               format(E'The §72a inspection of %s at %s runs out on %s. Please inspect a new certificate in time (Zeitspende: §72a inspections of your organisation).\n',
                      coalesce(hp.display_name, 'a helper'), v_due.organisation, to_char(v_due.recheck_on, 'FMDD Mon YYYY'))
             else
               format(E'Die §72a-Einsichtnahme von %s bei %s läuft am %s ab. Bitte nehmt rechtzeitig Einsicht in ein neues Führungszeugnis (Zeitspende: §72a-Einsichtnahmen eurer Organisation).\n',
                      coalesce(hp.display_name, 'einer helfenden Person'), v_due.organisation, to_char(v_due.recheck_on, 'DD.MM.YYYY'))
           end,
           p_now
    from public.profiles p
    join public.contact_details c on c.person_id = p.id
    left join public.profiles hp on hp.id = v_due.helper_id
    where p.id = v_due.helper_id
       or p.id in (select ms.person_id from public.memberships ms
                   where ms.organisation_id = v_due.organisation_id and ms.role = 'coordinator'
                     and ms.status = 'active' and ms.person_id <> v_due.helper_id);
    v_count := v_count + 1;
  end loop;
  return v_count;
end
$$;
comment on function private.remind_inspection_rechecks(timestamptz) is
  'Mails the helper and the inspecting organisation''s coordinators (private.outbox) once per §72a record and re-check date, from eight weeks before the re-check on; not for a record with a listed conviction. Returns how many records were reminded of. For the system only.';

-- ---------------------------------------------------------------------------------------------
-- The job: deletion first (nobody is reminded of a record that goes), then reminders
-- ---------------------------------------------------------------------------------------------
create function private.run_inspection_jobs(p_now timestamptz) returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  -- Several app instances may start it at once: one runs, the others skip (null).
  if not pg_try_advisory_xact_lock(hashtext('zeitspende.inspection_jobs')) then return null; end if;
  return jsonb_build_object('purged', private.purge_inspections(p_now),
                            'reminded', private.remind_inspection_rechecks(p_now));
end
$$;
comment on function private.run_inspection_jobs(timestamptz) is
  'The §72a retention job at p_now: deletes the records due, then sends the re-check reminders due; {purged, reminded}, or null when another run holds the lock. For the system only.';

revoke all on function private.inspection_served_organisation_ids(uuid),
  private.inspections_due_for_deletion(timestamptz), private.purge_inspections(timestamptz),
  private.remind_inspection_rechecks(timestamptz), private.run_inspection_jobs(timestamptz)
from public, anon, authenticated;
grant execute on function private.inspection_served_organisation_ids(uuid),
  private.inspections_due_for_deletion(timestamptz), private.purge_inspections(timestamptz),
  private.remind_inspection_rechecks(timestamptz), private.run_inspection_jobs(timestamptz)
to service_role;
