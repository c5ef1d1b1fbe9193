-- Needs (Bedarfe): posted by an organisation on behalf of people who have no account; a
-- nonprofit's need opens through the town where the town's policy says so, by explicit verbs.
-- Guards on status, substance, dates and closed needs; points rounded like homes; the expiry job
-- app.expire_past_needs.

create type public.need_cadence as enum ('one_off', 'monthly');
create type public.need_status as enum
  ('draft', 'pending_approval', 'open', 'matched', 'completed', 'cancelled', 'expired');

create table public.needs (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  created_by uuid references public.profiles (id) on delete set null,
  title text not null check (length(trim(title)) between 3 and 120),
  description text not null default '' check (length(description) <= 2000),
  category public.need_category not null,
  target_group public.target_group not null,
  hours numeric(4, 1) not null check (hours > 0 and hours <= 40),
  cadence public.need_cadence not null default 'one_off',
  starts_on date not null,
  ends_on date,
  time_windows public.week_windows,
  district_id uuid references public.districts (id) on delete set null,
  lat double precision check (lat between 47 and 55.1),
  lng double precision check (lng between 5.8 and 15.1),
  point point generated always as (point(lng, lat)) stored,
  remote boolean not null default false,
  required_languages text[] not null default '{}' check (private.are_language_codes(required_languages)),
  preferred_languages text[] not null default '{}' check (private.are_language_codes(preferred_languages)),
  helpers_wanted integer not null default 1 check (helpers_wanted between 1 and 20),
  requires_72a boolean not null default false,
  status public.need_status not null default 'draft',
  approved_by uuid references public.profiles (id) on delete set null,
  approved_at timestamptz,
  sent_back_by uuid references public.profiles (id) on delete set null,
  sent_back_at timestamptz,
  sent_back_reason text check (sent_back_reason is null or length(trim(sent_back_reason)) between 3 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on),
  -- A need runs for at most five years, from a plausible start: no endless commitments.
  check (starts_on between '2020-01-01' and '2100-01-01'),
  check (ends_on is null or ends_on <= starts_on + interval '5 years'),
  check (cadence = 'one_off' or ends_on is not null),
  check (remote or (lat is not null and lng is not null)),
  check ((lat is null) = (lng is null))
);
create index needs_organisation_idx on public.needs (organisation_id, status);
create index needs_municipality_idx on public.needs (municipality_id, status);
create index needs_district_idx on public.needs (district_id);
create index needs_created_by_idx on public.needs (created_by);
create index needs_approved_by_idx on public.needs (approved_by);
create index needs_sent_back_by_idx on public.needs (sent_back_by);
create index needs_point_idx on public.needs using gist (point);
create index needs_open_remote_idx on public.needs (municipality_id) where remote and status = 'open';
comment on table public.needs is 'A Bedarf: what is needed, where and when — never who the beneficiary is.';
comment on column public.needs.sent_back_reason is 'Why the town sent the need back to its organisation (app.send_back_need).';
alter table public.needs enable row level security;

grant select on public.needs to authenticated;
grant insert (organisation_id, title, description, category, target_group, hours, cadence, starts_on, ends_on,
              time_windows, district_id, lat, lng, remote, required_languages, preferred_languages,
              helpers_wanted, requires_72a, status)
  on public.needs to authenticated;
grant update (title, description, category, target_group, hours, cadence, starts_on, ends_on, time_windows,
              district_id, lat, lng, remote, required_languages, preferred_languages, helpers_wanted,
              requires_72a, status)
  on public.needs to authenticated;
grant all on public.needs to service_role;

create policy "People read open needs, coordinators their organisation's" on public.needs
  for select to authenticated
  using (status in ('open', 'matched')
         or id in (select private.my_matched_need_ids())
         or organisation_id in (select private.coordinated_organisation_ids())
         or (status <> 'draft' and municipality_id in (select private.governed_municipality_ids()))
         or (status = 'draft' and sent_back_at is not null
             and municipality_id in (select private.governed_municipality_ids())));
create policy "Coordinators post needs for their organisation" on public.needs
  for insert to authenticated
  with check (organisation_id in (select private.coordinated_organisation_ids())
              and status in ('draft', 'pending_approval', 'open'));
-- The town does not edit, cancel or complete other organisations' needs: it approves or sends
-- back through app.approve_need / app.send_back_need.
create policy "Coordinators change their organisation's needs" on public.needs
  for update to authenticated
  using (organisation_id in (select private.coordinated_organisation_ids()))
  with check (organisation_id in (select private.coordinated_organisation_ids()));

-- ---------------------------------------------------------------------------------------------
-- Derived columns: the town from the organisation, the author from the session
-- ---------------------------------------------------------------------------------------------
create function private.need_derive() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.organisation_id is distinct from old.organisation_id then
    perform private.fail('need_organisation_fixed');
  end if;
  select o.municipality_id into new.municipality_id from public.organisations o where o.id = new.organisation_id;
  if new.district_id is not null and not exists (
       select 1 from public.districts d where d.id = new.district_id and d.municipality_id = new.municipality_id) then
    perform private.fail('district_outside_town');
  end if;
  if tg_op = 'INSERT' and (select auth.uid()) is not null then
    new.created_by := (select auth.uid());
  end if;
  new.updated_at := now();
  return new;
end
$$;
comment on function private.need_derive() is
  'Sets the need''s municipality from its organisation and, on insert by a person, created_by to that person; a need never moves to another organisation and its district lies in its town (district_outside_town).';
create trigger needs_a_derive before insert or update on public.needs
  for each row execute function private.need_derive();

-- ---------------------------------------------------------------------------------------------
-- Guard: status steps a person may take
-- ---------------------------------------------------------------------------------------------
create function private.need_requires_approval(p_organisation uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select o.kind = 'nonprofit' and m.nonprofit_needs_need_approval
  from public.organisations o join public.municipalities m on m.id = o.municipality_id
  where o.id = p_organisation
$$;
comment on function private.need_requires_approval(uuid) is
  'Whether a need of the organisation opens only through its town: a nonprofit in a town whose policy says so.';
grant execute on function private.need_requires_approval(uuid) to authenticated, service_role;

-- Security invoker on purpose: it must see the statement's role, so the verbs and system jobs
-- (running as the owner) pass.
create function private.need_guard_status() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.acting_as_person() or (tg_op = 'UPDATE' and new.status = old.status) then
    return new;
  end if;
  if tg_op = 'UPDATE' and old.status in ('completed', 'cancelled', 'expired') then
    perform private.fail('need_closed');
  end if;
  -- matched ↔ open follows the matches; expired follows the calendar.
  if new.status in ('matched', 'expired') or (tg_op = 'UPDATE' and old.status = 'matched' and new.status = 'open') then
    perform private.fail('need_status_not_allowed');
  end if;
  if new.status = 'open' and private.need_requires_approval(new.organisation_id) then
    perform private.fail('need_requires_municipal_approval');
  end if;
  -- Completed once its helpers were found; cancelled only while nobody is committed to it.
  if new.status = 'completed' and (tg_op = 'INSERT' or old.status <> 'matched') then
    perform private.fail('need_status_not_allowed');
  end if;
  if tg_op = 'UPDATE' and new.status = 'cancelled' and private.need_taken_places(old.id) > 0 then
    perform private.fail('need_has_matches');
  end if;
  return new;
end
$$;
comment on function private.need_guard_status() is
  'For people: a need opens directly only where the town need not approve it (need_requires_municipal_approval), never becomes matched or expired by hand, is completed only once matched, is cancelled only while no helper is committed to it (need_has_matches), and a closed need stays closed.';
create trigger needs_b_guard_status before insert or update of status on public.needs
  for each row execute function private.need_guard_status();

-- ---------------------------------------------------------------------------------------------
-- Guard: no substantive change under pending or active matches; re-approval after a change
-- ---------------------------------------------------------------------------------------------
-- PL/pgSQL: resolved when called, as matches are created in the next file.
create function private.need_taken_places(p_need uuid) returns integer
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (select count(*)::integer from public.matches m
          join public.needs n on n.id = m.need_id
          where m.need_id = p_need and m.status in ('pending_approval', 'active')
            and n.organisation_id in (select private.coordinated_organisation_ids()));
end
$$;
comment on function private.need_taken_places(uuid) is
  'Places of the need taken by pending_approval or active matches; 0 unless the caller coordinates the need''s organisation (the only people who may change a need).';
grant execute on function private.need_taken_places(uuid) to authenticated, service_role;

create function private.need_guard_substance() returns trigger
language plpgsql set search_path = ''
as $$
declare
  v_changed boolean;
  v_taken integer;
begin
  if not private.acting_as_person() then
    return new;
  end if;
  -- What matching, the town's approval, §72a and capacity were decided on.
  v_changed := (new.category, new.target_group, new.hours, new.cadence, new.starts_on, new.ends_on,
                new.time_windows, new.remote, new.lat, new.lng, new.district_id, new.required_languages,
                new.requires_72a)
    is distinct from (old.category, old.target_group, old.hours, old.cadence, old.starts_on, old.ends_on,
                      old.time_windows, old.remote, old.lat, old.lng, old.district_id, old.required_languages,
                      old.requires_72a);
  if v_changed or new.helpers_wanted is distinct from old.helpers_wanted then
    v_taken := private.need_taken_places(old.id);
    if v_taken > 0 and (v_changed or new.helpers_wanted < v_taken) then
      perform private.fail('need_has_matches');
    end if;
  end if;
  if v_changed and old.status in ('pending_approval', 'open', 'matched')
     and new.status in ('pending_approval', 'open', 'matched')
     and private.need_requires_approval(new.organisation_id) then
    new.status := 'pending_approval';
    new.approved_by := null;
    new.approved_at := null;
  end if;
  return new;
end
$$;
comment on function private.need_guard_substance() is
  'For people: refuses need_has_matches when a need with pending_approval or active matches changes its substance (category, target group, hours, dates, windows, place, languages, §72a) or wants fewer helpers than it holds; a substantive change to a nonprofit need the town must approve sends it back to pending_approval without its approval. Title, description, preferred languages and more places stay free.';
create trigger needs_c_guard_substance before update on public.needs
  for each row execute function private.need_guard_substance();

-- ---------------------------------------------------------------------------------------------
-- Guard and job: dates, expiry
-- ---------------------------------------------------------------------------------------------
-- Expiry: a need whose dates have passed (its end, or the day of a one-off without an end) stops
-- being matchable. Candidate lists and match verbs take only open needs, so the need becomes
-- 'expired': app.expire_past_needs() does it for every town, and the app's reads of needs call it
-- first (a lazy system job: nothing depends on a scheduler running). A person can neither post a
-- need whose dates have passed nor move an unposted or open need into the past.

create function private.need_is_past(p_starts date, p_ends date) returns boolean
language sql stable set search_path = ''
as $$ select coalesce(p_ends, p_starts) < private.berlin_today() $$;
comment on function private.need_is_past(date, date) is
  'True when a need''s last day (its end, else its start) lies before today in Europe/Berlin.';
grant execute on function private.need_is_past(date, date) to authenticated, service_role;

create index needs_last_day_idx on public.needs ((coalesce(ends_on, starts_on)))
  where status in ('pending_approval', 'open');

-- Security definer: it changes other organisations' needs, which only the calendar may do.
create function app.expire_past_needs() returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  -- skip locked: a need a verb holds right now is left to the next call, never waited for.
  with due as (
    select n.id from public.needs n
    where n.status in ('pending_approval', 'open')
      and coalesce(n.ends_on, n.starts_on) < private.berlin_today()
    for update skip locked
  )
  update public.needs n set status = 'expired', updated_at = now()
  from due where n.id = due.id;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function app.expire_past_needs() is
  'Marks every open or waiting need whose last day has passed as expired (no longer matchable); returns how many. Idempotent; the app calls it before reading needs, a scheduler may call it too. Matched needs stay matched: their coordinators complete them.';
grant execute on function app.expire_past_needs() to authenticated, service_role;

-- Security invoker: it must see whether a person acts (private.acting_as_person).
create function private.need_guard_dates() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.acting_as_person() or new.status not in ('draft', 'pending_approval', 'open')
     or not private.need_is_past(new.starts_on, new.ends_on) then
    return new;
  end if;
  if tg_op = 'INSERT'
     or (new.starts_on, new.ends_on) is distinct from (old.starts_on, old.ends_on)
     or (old.status = 'draft' and new.status <> 'draft') then
    perform private.fail('need_in_past');
  end if;
  return new;
end
$$;
comment on function private.need_guard_dates() is
  'For people: refuses need_in_past when a need is posted, created or given new dates while its last day has already passed.';
create trigger needs_d_guard_dates before insert or update on public.needs
  for each row execute function private.need_guard_dates();

-- ---------------------------------------------------------------------------------------------
-- Guards: closed needs stay as they were; a need's point is approximate
-- ---------------------------------------------------------------------------------------------
-- A closed need (completed, cancelled, expired) is the record of what happened and no longer
-- changes; a need's point is, like a helper's home, only ever an approximate place.
-- Security invoker: it must see whether a person acts (private.acting_as_person).
create function private.need_guard_closed() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.acting_as_person() and old.status in ('completed', 'cancelled', 'expired') then
    perform private.fail('need_closed');
  end if;
  return new;
end
$$;
comment on function private.need_guard_closed() is
  'For people: refuses need_closed for any change to a completed, cancelled or expired need (its status is guarded by need_guard_status, the rest here).';
create trigger needs_a_guard_closed before update on public.needs
  for each row execute function private.need_guard_closed();

-- Security invoker, for people only (as offers): the seed's and tests' exact points stay as written.
-- Only when a point is placed or moved: updateNeed (src/lib/server/needs/write.ts) always writes
-- lat and lng, and a point stored off the grid (the seed's) must not be rounded by a title-only
-- edit, which would then count as a change of substance (need_has_matches under an active match,
-- back to the town where it approves needs).
create function private.need_round_point() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.acting_as_person()
     and (tg_op = 'INSERT' or new.lat is distinct from old.lat or new.lng is distinct from old.lng) then
    new.lat := private.round_lat(new.lat);
    new.lng := private.round_lng(new.lng);
  end if;
  return new;
end
$$;
comment on function private.need_round_point() is
  'For people rounds a need''s point to the ~500 m grid when it is placed or moved, as home points are: a need says roughly where, never whose door. An edit that leaves the point as stored leaves it as it is.';
create trigger needs_a_round_point before insert or update of lat, lng on public.needs
  for each row execute function private.need_round_point();

-- ---------------------------------------------------------------------------------------------
-- Verbs: the town approves or sends back — never a need its approver posted or coordinates
-- ---------------------------------------------------------------------------------------------
create function private.lock_need_for_town(p_need uuid) returns public.needs
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
begin
  select * into v_need from public.needs where id = p_need for update;
  if not found then perform private.fail('need_not_found'); end if;
  if v_actor is null or v_need.municipality_id not in (select private.governed_municipality_ids()) then
    perform private.fail('not_allowed');
  end if;
  if v_need.created_by = v_actor or v_need.organisation_id in (select private.coordinated_organisation_ids()) then
    perform private.fail('own_need');
  end if;
  if v_need.status <> 'pending_approval' then perform private.fail('need_not_pending'); end if;
  return v_need;
end
$$;
comment on function private.lock_need_for_town(uuid) is
  'Locks a need waiting for its town and checks the caller decides for that town and neither posted it nor coordinates its organisation.';

create function app.approve_need(p_need uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_need public.needs := private.lock_need_for_town(p_need);
begin
  update public.needs set status = 'open', approved_by = (select auth.uid()), approved_at = now(),
                          sent_back_by = null, sent_back_at = null, sent_back_reason = null
  where id = v_need.id;
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, need_id, municipal_role)
  values ('need_approved', v_need.municipality_id, v_need.organisation_id, (select auth.uid()), v_need.id, 'approved');
end
$$;
comment on function app.approve_need(uuid) is
  'A municipal coordinator of the need''s town approves a need waiting for it; it opens. Refuses own_need for a need the approver posted or whose organisation they coordinate.';

create function app.send_back_need(p_need uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_need public.needs := private.lock_need_for_town(p_need);
begin
  if length(trim(coalesce(p_reason, ''))) not between 3 and 500 then perform private.fail('reason_required'); end if;
  update public.needs set status = 'draft', sent_back_by = (select auth.uid()), sent_back_at = now(),
                          sent_back_reason = trim(p_reason)
  where id = v_need.id;
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, need_id, municipal_role)
  values ('need_sent_back', v_need.municipality_id, v_need.organisation_id, (select auth.uid()), v_need.id, 'informed');
end
$$;
comment on function app.send_back_need(uuid, text) is
  'A municipal coordinator of the need''s town sends a waiting need back to its organisation as a draft, with the reason it will read.';

grant execute on function app.approve_need(uuid), app.send_back_need(uuid, text) to authenticated, service_role;
