-- Offers: a helper's standing offer — what, for whom, how many hours a month, when, where and
-- in which languages.

create type public.need_category as enum ('errands', 'homework', 'advice', 'digital', 'company');
create type public.target_group as enum ('children', 'youth', 'seniors');

-- Weekly time windows are int4multiranges over minutes of the week: Monday 00:00 = 0,
-- Sunday 24:00 = 10080. Overlap is then one `&&`, and both sides may list several windows.
create domain public.week_windows as int4multirange
  check (value is null or (lower(value) >= 0 and upper(value) <= 10080 and private.window_count(value) <= 50));

create table public.offers (
  id uuid primary key default gen_random_uuid(),
  helper_id uuid not null unique references public.profiles (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  categories public.need_category[] not null check (cardinality(categories) between 1 and 5),
  target_groups public.target_group[] not null check (cardinality(target_groups) between 1 and 3),
  hours_per_month numeric(4, 1) not null check (hours_per_month between 1 and 40),
  availability public.week_windows,
  home_district_id uuid references public.districts (id) on delete set null,
  -- On the ~500 m grid (offer_guard rounds it): never an exact address.
  home_lat double precision check (home_lat between 47 and 55.1),
  home_lng double precision check (home_lng between 5.8 and 15.1),
  home_point point generated always as (point(home_lng, home_lat)) stored,
  radius_km numeric(4, 1) not null default 3 check (radius_km between 0 and 50),
  remote_ok boolean not null default false,
  languages text[] not null default '{de}' check (cardinality(languages) >= 1 and private.are_language_codes(languages)),
  paused_until date check (paused_until between '2020-01-01' and '2100-01-01'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((home_lat is null) = (home_lng is null)),
  check (home_lat is not null or remote_ok),
  -- Why a per-offer box and not "home_point within 50 km of the need": a 50-km box around a
  -- need covers a whole town and filters nothing. Each offer's own reach (its radius, +1 %
  -- slack, as a lat/lng box) lets the GiST index answer "whose radius reaches this point"; the
  -- exact haversine check follows. Null for offers without a home point (remote only).
  reach box generated always as (
    case when home_lat is null or home_lng is null then null
    else box(
      point(home_lng - radius_km::double precision * 1.01 / (111.195 * cos(radians(home_lat))),
            home_lat - radius_km::double precision * 1.01 / 111.195),
      point(home_lng + radius_km::double precision * 1.01 / (111.195 * cos(radians(home_lat))),
            home_lat + radius_km::double precision * 1.01 / 111.195))
    end) stored
);
create index offers_municipality_idx on public.offers (municipality_id);
create index offers_home_district_idx on public.offers (home_district_id);
create index offers_home_point_idx on public.offers using gist (home_point);
create index offers_reach_idx on public.offers using gist (reach);
create index offers_remote_idx on public.offers (municipality_id) where remote_ok;
create index offers_categories_idx on public.offers using gin (categories);
create index offers_target_groups_idx on public.offers using gin (target_groups);
create index offers_languages_idx on public.offers using gin (languages);
comment on table public.offers is 'What a helper offers: categories, target groups, hours per month, when, where and in which languages.';
comment on column public.offers.reach is 'Bounding box (lng/lat) of the circle the helper travels: the index for candidate retrieval.';
alter table public.offers enable row level security;

grant select, delete on public.offers to authenticated;
grant insert (helper_id, municipality_id, categories, target_groups, hours_per_month, availability,
              home_district_id, home_lat, home_lng, radius_km, remote_ok, languages, paused_until)
  on public.offers to authenticated;
grant update (municipality_id, categories, target_groups, hours_per_month, availability, home_district_id,
              home_lat, home_lng, radius_km, remote_ok, languages, paused_until, updated_at)
  on public.offers to authenticated;
grant all on public.offers to service_role;

-- Coordinators see candidates only through the matching functions, which return no offer.
create policy "Helpers read their offer, coordinators their pools' offers" on public.offers
  for select to authenticated
  using (helper_id = (select auth.uid()) or helper_id in (select private.pool_member_ids()));
create policy "Helpers make their own offer" on public.offers
  for insert to authenticated with check (helper_id = (select auth.uid()));
create policy "Helpers change their own offer" on public.offers
  for update to authenticated
  using (helper_id = (select auth.uid())) with check (helper_id = (select auth.uid()));
create policy "Helpers withdraw their own offer" on public.offers
  for delete to authenticated using (helper_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Guard: a rounded area in the offer's own town, and never fewer hours than already committed
-- ---------------------------------------------------------------------------------------------
-- PL/pgSQL: resolved when called, as capacity (private.committed_months) is defined with matching.
create function private.committed_peak(p_helper uuid) returns numeric
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_helper is distinct from (select auth.uid()) and not private.is_system_caller() then
    return null;
  end if;
  return (select max(per.hours)
          from (select sum(c.hours) as hours from private.committed_months c
                where c.helper_id = p_helper and c.month >= private.month_of(private.berlin_today())
                group by c.month) per);
end
$$;
comment on function private.committed_peak(uuid) is
  'The most hours the helper has committed in any month from this one on; only for the helper themselves (or the system).';
grant execute on function private.committed_peak(uuid) to authenticated, service_role;

-- Security invoker on purpose: it must see the statement's role.
create function private.offer_guard() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'DELETE' or (tg_op = 'UPDATE' and new.municipality_id <> old.municipality_id) then
    -- Commitments need the offer they were made on (a delete re-created smaller would dodge the
    -- capacity rule; a move to another town would strand them).
    if private.committed_peak(old.helper_id) > 0 then perform private.fail('offer_has_matches'); end if;
    if tg_op = 'DELETE' then return old; end if;
  end if;
  -- People's offers (written as the person) are rounded; the seed and system jobs write curated
  -- or already-rounded points as given.
  if private.acting_as_person() then
    new.home_lat := private.round_lat(new.home_lat);
    new.home_lng := private.round_lng(new.home_lng);
  end if;
  if new.home_district_id is not null and not exists (
       select 1 from public.districts d
       where d.id = new.home_district_id and d.municipality_id = new.municipality_id) then
    perform private.fail('district_outside_town');
  end if;
  if (tg_op = 'INSERT' or new.hours_per_month < old.hours_per_month)
     and private.committed_peak(new.helper_id) > new.hours_per_month then
    perform private.fail('offer_below_committed');
  end if;
  new.updated_at := now();
  return new;
end
$$;
comment on function private.offer_guard() is
  'For people rounds the home point to the ~500 m grid; refuses a district of another town (district_outside_town), monthly hours below what is already committed in this or a later month (offer_below_committed), and deleting the offer or moving it to another town while hours are committed (offer_has_matches).';

create trigger offers_guard before insert or update or delete on public.offers
  for each row execute function private.offer_guard();
