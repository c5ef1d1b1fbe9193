-- §72a SGB VIII inspections: the three facts §72a(5) allows — that it was inspected, the
-- certificate's date, whether a disqualifying conviction is listed — and who inspected.
-- Never the certificate or its content. Nobody records or relies on an inspection of themselves.

create table public.inspections_72a (
  id uuid primary key default gen_random_uuid(),
  helper_id uuid not null references public.profiles (id) on delete cascade,
  inspecting_organisation_id uuid not null references public.organisations (id) on delete cascade,
  inspected_by uuid references public.profiles (id) on delete set null,
  inspected_on date not null default current_date,
  certificate_date date not null,
  conviction_listed boolean not null,
  recheck_on date not null,
  created_at timestamptz not null default now(),
  unique (helper_id, inspecting_organisation_id),
  check (certificate_date <= inspected_on),
  check (recheck_on > certificate_date),
  -- An erweitertes Führungszeugnis is re-checked after five years at the latest.
  check (recheck_on <= certificate_date + interval '5 years')
);
create index inspections_72a_organisation_idx on public.inspections_72a (inspecting_organisation_id);
create index inspections_72a_inspected_by_idx on public.inspections_72a (inspected_by);
comment on table public.inspections_72a is 'That an erweitertes Führungszeugnis was inspected, its date and whether a disqualifying conviction is listed. Never the certificate or its content.';
alter table public.inspections_72a enable row level security;

grant select, delete on public.inspections_72a to authenticated;
grant insert (helper_id, inspecting_organisation_id, inspected_on, certificate_date, conviction_listed, recheck_on)
  on public.inspections_72a to authenticated;
grant update (inspected_on, certificate_date, conviction_listed, recheck_on) on public.inspections_72a to authenticated;
grant all on public.inspections_72a to service_role;

-- ---------------------------------------------------------------------------------------------
-- Who may record one
-- ---------------------------------------------------------------------------------------------
create function private.may_inspect(p_organisation uuid, p_helper uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_helper is distinct from (select auth.uid())
     and p_organisation in (select private.coordinated_organisation_ids())
     and (private.is_pool_member(p_organisation, p_helper)
          or exists (select 1
                     from public.organisations office
                     join public.municipalities mu on mu.id = office.municipality_id
                     join public.organisations o on o.municipality_id = mu.id
                     join public.memberships m on m.organisation_id = o.id
                     where office.id = p_organisation and office.kind = 'municipal' and mu.municipality_inspects_72a
                       and m.person_id = p_helper and m.role = 'helper' and m.status in ('active', 'paused')))
$$;
comment on function private.may_inspect(uuid, uuid) is
  'Whether the caller, for an organisation they coordinate, may record a §72a inspection for the helper: never of themselves; a helper of its own pool, or — for a municipal office of a town that inspects town-wide — a helper in any pool of that town.';
grant execute on function private.may_inspect(uuid, uuid) to authenticated, service_role;

create policy "Helpers read their inspections, coordinators their pools'" on public.inspections_72a
  for select to authenticated
  using (helper_id = (select auth.uid())
         or inspecting_organisation_id in (select private.coordinated_organisation_ids())
         -- Where the town inspects town-wide: the town office's record of a helper of my pool.
         or (inspecting_organisation_id in (select private.town_inspector_organisation_ids())
             and helper_id in (select private.pool_member_ids())));
create policy "Coordinators record others' inspections for their organisation" on public.inspections_72a
  for insert to authenticated
  with check (private.may_inspect(inspecting_organisation_id, helper_id));
create policy "Coordinators correct their organisation's inspections" on public.inspections_72a
  for update to authenticated
  using (helper_id <> (select auth.uid())
         and inspecting_organisation_id in (select private.coordinated_organisation_ids()))
  with check (private.may_inspect(inspecting_organisation_id, helper_id));
-- A record must be deletable after the helper left the pool.
create policy "Coordinators delete their organisation's inspections" on public.inspections_72a
  for delete to authenticated
  using (inspecting_organisation_id in (select private.coordinated_organisation_ids()));

-- ---------------------------------------------------------------------------------------------
-- Stamp: who inspected is the person acting; the inspection is not dated in the future
-- ---------------------------------------------------------------------------------------------
-- Security invoker on purpose: it must see the statement's role (the seed and system jobs
-- record what they were given).
create function private.inspection_guard() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.inspected_on > private.berlin_today() then perform private.fail('inspection_in_future'); end if;
  if private.acting_as_person() then
    new.inspected_by := (select auth.uid());
  end if;
  if new.inspected_by = new.helper_id then perform private.fail('own_inspection'); end if;
  return new;
end
$$;
comment on function private.inspection_guard() is
  'Sets inspected_by to the person who records or changes an inspection, whatever they sent; refuses an inspection dated in the future or of the inspector themselves.';
create trigger inspections_72a_guard before insert or update on public.inspections_72a
  for each row execute function private.inspection_guard();

-- ---------------------------------------------------------------------------------------------
-- Verb: recording an inspection
-- ---------------------------------------------------------------------------------------------
-- The three facts, who inspected (stamped from the session) and the ledger event, together.
-- Recording again for the same helper and organisation is the re-check: the record is replaced by
-- the new facts.
create function app.record_inspection(p_organisation uuid, p_helper uuid, p_certificate_date date,
                                      p_conviction_listed boolean) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_today date := private.berlin_today();
  v_org public.organisations;
  v_id uuid;
begin
  if v_actor is null or p_organisation is null or p_helper is null
     or p_certificate_date is null or p_conviction_listed is null then
    perform private.fail('not_allowed');
  end if;
  if p_helper = v_actor then perform private.fail('own_inspection'); end if;
  -- The certificate is dated on or before the day it is inspected, which is today.
  if p_certificate_date > v_today then perform private.fail('inspection_in_future'); end if;
  if not private.may_inspect(p_organisation, p_helper) then perform private.fail('not_allowed'); end if;
  select * into v_org from public.organisations where id = p_organisation;

  insert into public.inspections_72a as i
    (helper_id, inspecting_organisation_id, inspected_by, inspected_on, certificate_date,
     conviction_listed, recheck_on)
  values (p_helper, p_organisation, v_actor, v_today, p_certificate_date, p_conviction_listed,
          (p_certificate_date + interval '5 years')::date)
  on conflict (helper_id, inspecting_organisation_id) do update
    set inspected_by = excluded.inspected_by, inspected_on = excluded.inspected_on,
        certificate_date = excluded.certificate_date, conviction_listed = excluded.conviction_listed,
        recheck_on = excluded.recheck_on
  returning i.id into v_id;

  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, municipal_role)
  values ('inspection_recorded', v_org.municipality_id, v_org.id, v_actor, p_helper,
          case when v_org.kind = 'municipal' then 'verified'::public.involvement_role end);
  return v_id;
end
$$;
comment on function app.record_inspection(uuid, uuid, date, boolean) is
  'A coordinator records, for an organisation they coordinate, that they inspected a helper''s erweitertes Führungszeugnis: its date and whether a disqualifying conviction is listed; inspected today by the caller, re-check five years after the certificate. Never of oneself (own_inspection), never a certificate dated after today (inspection_in_future), only for whom private.may_inspect allows (not_allowed). Replaces an earlier record of the same organisation (the re-check) and writes the ledger event.';
grant execute on function app.record_inspection(uuid, uuid, date, boolean) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Whom an organisation's coordinators can choose, and the names on its records
-- ---------------------------------------------------------------------------------------------
-- A town office that inspects town-wide records for helpers of every pool of its town, whose
-- profiles its coordinators cannot read: this function names them.
create function app.inspection_helpers(p_organisation uuid)
returns table (id uuid, display_name text, may_record boolean)
language sql stable security definer set search_path = ''
as $$
  with people as (
    -- helpers the organisation may record for (its pool; for a town-wide office, the town's pools)
    select m.person_id
    from public.organisations office
    join public.municipalities mu on mu.id = office.municipality_id
    join public.organisations o
      on o.id = office.id
      or (office.kind = 'municipal' and mu.municipality_inspects_72a and o.municipality_id = mu.id)
    join public.memberships m on m.organisation_id = o.id
    where office.id = p_organisation and m.role = 'helper' and m.status in ('active', 'paused')
    union
    -- and whoever it holds a record of
    select i.helper_id from public.inspections_72a i where i.inspecting_organisation_id = p_organisation
  )
  select p.id, p.display_name, private.may_inspect(p_organisation, p.id)
  from people x join public.profiles p on p.id = x.person_id
  where p_organisation in (select private.coordinated_organisation_ids())
  order by p.display_name, p.id
$$;
comment on function app.inspection_helpers(uuid) is
  'For a coordinator of the organisation: the helpers it may record a §72a inspection for (may_record; never the caller) and those it holds a record of, with their display names. Empty for anyone else.';
grant execute on function app.inspection_helpers(uuid) to authenticated, service_role;
