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
