-- People: a profile per account, contact details apart, platform admins.

create type public.app_locale as enum ('de', 'en');

-- ---------------------------------------------------------------------------------------------
-- Profiles
-- ---------------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null default '' check (length(display_name) <= 80),
  locale public.app_locale not null default 'de',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'What others may see of a person: a display name. Contact details live in contact_details.';
alter table public.profiles enable row level security;

grant select on public.profiles to authenticated;
grant update (display_name, locale, updated_at) on public.profiles to authenticated;
grant all on public.profiles to service_role;

-- A profile holds a display name and a language, nothing more: fellow coordinators read each
-- other's for the team page.
create policy "People read their profile, coordinators their helpers' and fellow coordinators' profiles" on public.profiles
  for select to authenticated
  using (id = (select auth.uid())
         or id in (select private.pool_member_ids())
         or id in (select private.match_counterpart_ids(false))
         or id in (select private.fellow_coordinator_ids()));
create policy "People change their own profile" on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Contact details: only between the two sides of an active match
-- ---------------------------------------------------------------------------------------------
create table public.contact_details (
  person_id uuid primary key references public.profiles (id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (phone is null or phone ~ '^[0-9 +()/-]{5,30}$'),
  updated_at timestamptz not null default now()
);
comment on table public.contact_details is 'How to reach a person; shown to the other side of a match only while it is active.';
alter table public.contact_details enable row level security;

grant select on public.contact_details to authenticated;
-- The e-mail address changes only through sign-in.
grant update (phone, updated_at) on public.contact_details to authenticated;
grant all on public.contact_details to service_role;

create policy "People read their contacts, coordinators active matches' ones" on public.contact_details
  for select to authenticated
  using (person_id = (select auth.uid()) or person_id in (select private.match_counterpart_ids(true)));
create policy "People change their own contact details" on public.contact_details
  for update to authenticated
  using (person_id = (select auth.uid())) with check (person_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Platform admins
-- ---------------------------------------------------------------------------------------------
create table public.platform_admins (
  person_id uuid primary key references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table public.platform_admins is 'People who create municipalities and invite their first coordinators.';
alter table public.platform_admins enable row level security;

grant select on public.platform_admins to authenticated;
grant all on public.platform_admins to service_role;

create policy "Platform admins see who is a platform admin" on public.platform_admins
  for select to authenticated using ((select private.is_platform_admin()));

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
comment on function private.create_profile_for_user() is 'Creates the profile and contact row of a new account (auth.users insert).';

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.create_profile_for_user();
