-- Towns and organisations: municipalities with their districts and policy switches,
-- organisations, and memberships (coordinators, and helpers in a pool by invitation and consent).

create type public.organisation_kind as enum ('municipal', 'nonprofit');
create type public.member_role as enum ('coordinator', 'helper');
create type public.membership_status as enum ('invited', 'active', 'paused', 'ended');

-- ---------------------------------------------------------------------------------------------
-- Municipalities
-- ---------------------------------------------------------------------------------------------
create table public.municipalities (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(trim(name)) between 2 and 120),
  ags char(8) not null unique check (ags ~ '^[0-9]{8}$'),
  nonprofit_needs_need_approval boolean not null default true,
  minor_matches_need_approval boolean not null default false,
  municipality_inspects_72a boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.municipalities is 'A Kommune with its official key (AGS) and the policy switches that decide where it must approve.';
comment on column public.municipalities.municipality_inspects_72a is 'The town is the inspecting body for §72a in its area, so its inspections count for every organisation there.';
alter table public.municipalities enable row level security;

grant select on public.municipalities to anon, authenticated;
grant update (nonprofit_needs_need_approval, minor_matches_need_approval, municipality_inspects_72a)
  on public.municipalities to authenticated;
grant all on public.municipalities to service_role;

create policy "Anyone may read municipalities" on public.municipalities
  for select to anon, authenticated using (true);
create policy "Municipal coordinators change their municipality's policy" on public.municipalities
  for update to authenticated
  using (id in (select private.governed_municipality_ids()))
  with check (id in (select private.governed_municipality_ids()));

-- ---------------------------------------------------------------------------------------------
-- Districts
-- ---------------------------------------------------------------------------------------------
create table public.districts (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  name text not null check (length(trim(name)) between 2 and 120),
  centre_lat double precision not null check (centre_lat between 47 and 55.1),
  centre_lng double precision not null check (centre_lng between 5.8 and 15.1),
  unique (municipality_id, name)
);
comment on table public.districts is 'Stadtteile of a municipality; each centre point stands in for a home area, never an address.';
alter table public.districts enable row level security;

grant select on public.districts to anon, authenticated;
grant all on public.districts to service_role;

create policy "Anyone may read districts" on public.districts
  for select to anon, authenticated using (true);

-- ---------------------------------------------------------------------------------------------
-- Organisations
-- ---------------------------------------------------------------------------------------------
create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  name text not null check (length(trim(name)) between 2 and 160),
  kind public.organisation_kind not null,
  contact_email text check (contact_email is null or contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  contact_phone text check (contact_phone is null or length(contact_phone) <= 40),
  created_at timestamptz not null default now(),
  unique (municipality_id, name)
);
create index organisations_municipality_idx on public.organisations (municipality_id);
comment on table public.organisations is 'A municipal office (Jugendamt, Seniorenbüro, Freiwilligenagentur) or a nonprofit in one municipality.';
alter table public.organisations enable row level security;

grant select on public.organisations to anon, authenticated;
-- Coordinators change contact data, never an organisation's kind or municipality (a nonprofit
-- turned 'municipal' would approve its own needs).
grant update (name, contact_email, contact_phone) on public.organisations to authenticated;
grant all on public.organisations to service_role;

create policy "Anyone may read organisations" on public.organisations
  for select to anon, authenticated using (true);
create policy "Coordinators change their own organisation" on public.organisations
  for update to authenticated
  using (id in (select private.coordinated_organisation_ids()))
  with check (id in (select private.coordinated_organisation_ids()));

-- ---------------------------------------------------------------------------------------------
-- Memberships
-- ---------------------------------------------------------------------------------------------
create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  person_id uuid not null references public.profiles (id) on delete cascade,
  role public.member_role not null,
  status public.membership_status not null default 'active',
  verified_at timestamptz,
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  unique (organisation_id, person_id, role),
  -- For keys that name a membership and its organisation together (pool notes).
  constraint memberships_id_organisation_key unique (id, organisation_id)
);
create index memberships_person_idx on public.memberships (person_id, role, status);
create index memberships_organisation_idx on public.memberships (organisation_id, role, status);
comment on table public.memberships is 'A person in an organisation: as coordinator, or as helper in its pool.';
alter table public.memberships enable row level security;

grant select, delete on public.memberships to authenticated;
grant insert (organisation_id, person_id, role, status) on public.memberships to authenticated;
-- Coordinators change a membership's state, never whose it is, where, or in which role.
grant update (status, verified_at, ended_at) on public.memberships to authenticated;
grant all on public.memberships to service_role;

create policy "People read their memberships, coordinators their pools'" on public.memberships
  for select to authenticated
  using (person_id = (select auth.uid()) or organisation_id in (select private.coordinated_organisation_ids()));
-- Never oneself: a coordinator in their own pool could record their own §72a and be matched.
create policy "Coordinators invite others to their organisations' pools" on public.memberships
  for insert to authenticated
  with check (role = 'helper' and status = 'invited' and person_id <> (select auth.uid())
              and organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators change helper memberships of their organisations" on public.memberships
  for update to authenticated
  using (role = 'helper' and person_id <> (select auth.uid())
         and organisation_id in (select private.coordinated_organisation_ids()))
  with check (role = 'helper' and organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators remove helpers from their organisations' pools" on public.memberships
  for delete to authenticated
  using (role = 'helper' and organisation_id in (select private.coordinated_organisation_ids()));

-- Security invoker on purpose: it must see the statement's role, so accept_invitation (running
-- as the owner) passes, while a coordinator's own update cannot turn an invitation, or an ended
-- membership, active.
create function private.membership_guard_consent() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.acting_as_person() then
    if new.status in ('active', 'paused') and old.status not in ('active', 'paused') then
      perform private.fail('membership_needs_consent');
    end if;
    if old.status = 'ended' and new.status <> 'ended' then
      perform private.fail('membership_ended');
    end if;
  end if;
  return new;
end
$$;
comment on function private.membership_guard_consent() is
  'Only the person makes an invitation active (through app.accept_invitation); coordinators pause, resume and end, and an ended membership is final for them.';

create trigger memberships_guard_consent before update of status on public.memberships
  for each row execute function private.membership_guard_consent();

-- ---------------------------------------------------------------------------------------------
-- Pool membership, answered for the caller's own organisations only
-- ---------------------------------------------------------------------------------------------
create function private.is_pool_member(p_organisation uuid, p_person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_organisation in (select private.coordinated_organisation_ids())
     and exists (select 1 from public.memberships m
                 where m.organisation_id = p_organisation and m.person_id = p_person
                   and m.role = 'helper' and m.status in ('active', 'paused'))
$$;
comment on function private.is_pool_member(uuid, uuid) is
  'True when the caller coordinates the organisation and the person is an active or paused helper in its pool (invited does not count: no consent yet).';
grant execute on function private.is_pool_member(uuid, uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Verbs: the person's consent
-- ---------------------------------------------------------------------------------------------
create function app.accept_invitation(p_organisation uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_membership uuid;
begin
  update public.memberships set status = 'active'
  where organisation_id = p_organisation and person_id = (select auth.uid())
    and role = 'helper' and status = 'invited'
  returning id into v_membership;
  if v_membership is null then perform private.fail('not_invited'); end if;
  return v_membership;
end
$$;
comment on function app.accept_invitation(uuid) is
  'The current person accepts their invitation into the organisation''s pool; returns the membership. Raises not_invited unless they hold one.';

create function app.leave_pool(p_organisation uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_membership uuid;
begin
  update public.memberships set status = 'ended', ended_at = now()
  where organisation_id = p_organisation and person_id = (select auth.uid())
    and role = 'helper' and status <> 'ended'
  returning id into v_membership;
  if v_membership is null then perform private.fail('not_in_pool'); end if;
  return v_membership;
end
$$;
comment on function app.leave_pool(uuid) is
  'The current person leaves the organisation''s pool (or declines its invitation); returns the membership. Raises not_in_pool unless they are in it.';

grant execute on function app.accept_invitation(uuid), app.leave_pool(uuid) to authenticated, service_role;
