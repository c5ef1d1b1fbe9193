-- Foundation: municipalities, districts, organisations, people and memberships.
-- Row-level security is enabled in this same file for every table it creates; policies are
-- written as sentences and read `(select auth.uid())` once per statement.

-- ---------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------
create type public.organisation_kind as enum ('municipal', 'nonprofit');
create type public.member_role as enum ('coordinator', 'helper');
create type public.membership_status as enum ('invited', 'active', 'paused', 'ended');
create type public.app_locale as enum ('de', 'en');

-- Tables no client may reach through Supabase's HTTP API live here (Supabase exposes `public`).
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

grant usage on schema public to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Municipalities and districts
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

create table public.districts (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  name text not null check (length(trim(name)) between 2 and 120),
  centre_lat double precision not null check (centre_lat between 47 and 55.1),
  centre_lng double precision not null check (centre_lng between 5.8 and 15.1),
  unique (municipality_id, name)
);
comment on table public.districts is 'Stadtteile of a municipality; each centre point stands in for a home area, never an address.';

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

-- ---------------------------------------------------------------------------------------------
-- People: a profile per auth.users row, contact details apart, memberships in pools
-- ---------------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null default '' check (length(display_name) <= 80),
  locale public.app_locale not null default 'de',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'What others may see of a person: a display name. Contact details live in contact_details.';

create table public.contact_details (
  person_id uuid primary key references public.profiles (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (phone is null or phone ~ '^[0-9 +()/-]{5,30}$'),
  updated_at timestamptz not null default now()
);
comment on table public.contact_details is 'How to reach a person; shown to the other side of a match only while it is active.';

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  person_id uuid not null references public.profiles (id) on delete cascade,
  role public.member_role not null,
  status public.membership_status not null default 'active',
  verified_at timestamptz,
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  unique (organisation_id, person_id, role)
);
create index memberships_person_idx on public.memberships (person_id, role, status);
create index memberships_organisation_idx on public.memberships (organisation_id, role, status);
comment on table public.memberships is 'A person in an organisation: as coordinator, or as helper in its pool.';

create table public.platform_admins (
  person_id uuid primary key references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table public.platform_admins is 'People who create municipalities and invite their first coordinators.';

-- ---------------------------------------------------------------------------------------------
-- Policy helpers: security definer so policies can read memberships without recursing into
-- memberships' own policies; empty search_path so nothing can be shadowed.
-- ---------------------------------------------------------------------------------------------
create function private.coordinated_organisation_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.organisation_id from public.memberships m
  where m.person_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'active'
$$;
comment on function private.coordinated_organisation_ids() is 'Organisations the current person coordinates.';

create function private.coordinated_municipality_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct o.municipality_id from public.memberships m
  join public.organisations o on o.id = m.organisation_id
  where m.person_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'active'
$$;
comment on function private.coordinated_municipality_ids() is 'Municipalities in which the current person coordinates any organisation.';

create function private.governed_municipality_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct o.municipality_id from public.memberships m
  join public.organisations o on o.id = m.organisation_id
  where m.person_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'active'
    and o.kind = 'municipal'
$$;
comment on function private.governed_municipality_ids() is 'Municipalities for which the current person is a municipal coordinator.';

create function private.pool_member_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select h.person_id from public.memberships h
  where h.role = 'helper' and h.status <> 'ended'
    and h.organisation_id in (select private.coordinated_organisation_ids())
$$;
comment on function private.pool_member_ids() is 'Helpers in the pools of the organisations the current person coordinates.';

create function private.is_platform_admin() returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.platform_admins a where a.person_id = (select auth.uid()))
$$;

revoke execute on all functions in schema private from public;
grant execute on all functions in schema private to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- A profile and contact row for every account, created where the account is created
-- ---------------------------------------------------------------------------------------------
create function private.create_profile_for_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name)
  values (new.id, coalesce(new.raw_user_meta_data ->> 'display_name', split_part(coalesce(new.email, ''), '@', 1)));
  if new.email is not null then
    insert into public.contact_details (person_id, email) values (new.id, lower(new.email));
  end if;
  return new;
end
$$;
revoke execute on function private.create_profile_for_user() from public;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.create_profile_for_user();

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------
alter table public.municipalities enable row level security;
alter table public.districts enable row level security;
alter table public.organisations enable row level security;
alter table public.profiles enable row level security;
alter table public.contact_details enable row level security;
alter table public.memberships enable row level security;
alter table public.platform_admins enable row level security;

grant select on public.municipalities, public.districts, public.organisations to anon, authenticated;
-- Column grants: coordinators change policy switches and contact data, never an organisation's
-- kind or municipality (a nonprofit turned 'municipal' would approve its own needs) nor a key.
grant update (nonprofit_needs_need_approval, minor_matches_need_approval, municipality_inspects_72a)
  on public.municipalities to authenticated;
grant update (name, contact_email, contact_phone) on public.organisations to authenticated;
grant select, update on public.profiles, public.contact_details to authenticated;
grant select, insert, update, delete on public.memberships to authenticated;
grant select on public.platform_admins to authenticated;
grant all on all tables in schema public to service_role;

create policy "Anyone may read municipalities" on public.municipalities
  for select to anon, authenticated using (true);
create policy "Municipal coordinators change their municipality's policy" on public.municipalities
  for update to authenticated
  using (id in (select private.governed_municipality_ids()))
  with check (id in (select private.governed_municipality_ids()));

create policy "Anyone may read districts" on public.districts
  for select to anon, authenticated using (true);

create policy "Anyone may read organisations" on public.organisations
  for select to anon, authenticated using (true);
create policy "Coordinators change their own organisation" on public.organisations
  for update to authenticated
  using (id in (select private.coordinated_organisation_ids()))
  with check (id in (select private.coordinated_organisation_ids()));

create policy "People read their own profile" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "People change their own profile" on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));
create policy "Coordinators read the profiles of their pool" on public.profiles
  for select to authenticated using (id in (select private.pool_member_ids()));

create policy "People read their own contact details" on public.contact_details
  for select to authenticated using (person_id = (select auth.uid()));
create policy "People change their own contact details" on public.contact_details
  for update to authenticated
  using (person_id = (select auth.uid())) with check (person_id = (select auth.uid()));

create policy "People read their own memberships" on public.memberships
  for select to authenticated using (person_id = (select auth.uid()));
create policy "Coordinators read the memberships of their organisations" on public.memberships
  for select to authenticated using (organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators add helpers to their organisations' pools" on public.memberships
  for insert to authenticated
  with check (role = 'helper' and organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators change helper memberships of their organisations" on public.memberships
  for update to authenticated
  using (role = 'helper' and organisation_id in (select private.coordinated_organisation_ids()))
  with check (role = 'helper' and organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators remove helpers from their organisations' pools" on public.memberships
  for delete to authenticated
  using (role = 'helper' and organisation_id in (select private.coordinated_organisation_ids()));

create policy "Platform admins see who is a platform admin" on public.platform_admins
  for select to authenticated using ((select private.is_platform_admin()));
