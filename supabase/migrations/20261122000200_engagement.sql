-- Engagement: offers, needs, matches, hour logs, §72a inspections, the involvement ledger,
-- feedback and citizens' suggestions. Designed for the whole product (PRODUCT.md); later
-- migrations add verbs, not a new shape.

-- ---------------------------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------------------------
create type public.need_category as enum ('errands', 'homework', 'advice', 'digital', 'company');
create type public.target_group as enum ('children', 'youth', 'seniors');
create type public.need_cadence as enum ('one_off', 'monthly');
create type public.need_status as enum
  ('draft', 'pending_approval', 'open', 'matched', 'completed', 'cancelled', 'expired');
create type public.match_status as enum
  ('proposed', 'requested', 'pending_approval', 'active', 'completed', 'declined', 'withdrawn');
create type public.match_initiator as enum ('coordinator', 'helper', 'batch');
create type public.hour_log_status as enum ('logged', 'confirmed', 'rejected');
create type public.involvement_role as enum ('initiated', 'approved', 'verified', 'co_produced', 'informed');
create type public.involvement_kind as enum
  ('need_posted', 'need_approved', 'match_proposed', 'match_requested', 'match_accepted',
   'match_approved', 'inspection_recorded', 'hours_confirmed', 'feedback_given',
   'suggestion_made', 'suggestion_adopted');
create type public.feedback_perspective as enum ('helper', 'coordinator', 'beneficiary');
create type public.suggestion_status as enum ('new', 'adopted', 'dismissed');

-- Weekly time windows are int4multiranges over minutes of the week: Monday 00:00 = 0,
-- Sunday 24:00 = 10080. Overlap is then one `&&`, and both sides may list several windows.
create domain public.week_windows as int4multirange
  check (value is null or (lower(value) >= 0 and upper(value) <= 10080));

-- ---------------------------------------------------------------------------------------------
-- Offers: a helper's standing offer
-- ---------------------------------------------------------------------------------------------
create table public.offers (
  id uuid primary key default gen_random_uuid(),
  helper_id uuid not null unique references public.profiles (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  categories public.need_category[] not null check (cardinality(categories) between 1 and 5),
  target_groups public.target_group[] not null check (cardinality(target_groups) between 1 and 3),
  hours_per_month numeric(4, 1) not null check (hours_per_month between 1 and 40),
  availability public.week_windows,
  home_district_id uuid references public.districts (id) on delete set null,
  -- Rounded to ~500 m by the server before it is stored: never an exact address.
  home_lat double precision check (home_lat between 47 and 55.1),
  home_lng double precision check (home_lng between 5.8 and 15.1),
  home_point point generated always as (point(home_lng, home_lat)) stored,
  radius_km numeric(4, 1) not null default 3 check (radius_km between 0 and 50),
  remote_ok boolean not null default false,
  languages text[] not null default '{de}' check (cardinality(languages) between 1 and 10),
  paused_until date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((home_lat is null) = (home_lng is null)),
  check (home_lat is not null or remote_ok)
);
create index offers_municipality_idx on public.offers (municipality_id);
create index offers_home_point_idx on public.offers using gist (home_point);
create index offers_categories_idx on public.offers using gin (categories);
create index offers_target_groups_idx on public.offers using gin (target_groups);
create index offers_languages_idx on public.offers using gin (languages);
comment on table public.offers is 'What a helper offers: categories, target groups, hours per month, when, where and in which languages.';

-- ---------------------------------------------------------------------------------------------
-- Needs: posted by an organisation on behalf of people who have no account
-- ---------------------------------------------------------------------------------------------
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
  required_languages text[] not null default '{}',
  preferred_languages text[] not null default '{}',
  helpers_wanted integer not null default 1 check (helpers_wanted between 1 and 20),
  requires_72a boolean not null default false,
  status public.need_status not null default 'draft',
  approved_by uuid references public.profiles (id) on delete set null,
  approved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on),
  check (cadence = 'one_off' or ends_on is not null),
  check (remote or (lat is not null and lng is not null)),
  check ((lat is null) = (lng is null))
);
create index needs_organisation_idx on public.needs (organisation_id, status);
create index needs_municipality_idx on public.needs (municipality_id, status);
create index needs_point_idx on public.needs using gist (point);
comment on table public.needs is 'A Bedarf: what is needed, where and when — never who the beneficiary is.';

-- ---------------------------------------------------------------------------------------------
-- Matches
-- ---------------------------------------------------------------------------------------------
create table public.matches (
  id uuid primary key default gen_random_uuid(),
  need_id uuid not null references public.needs (id) on delete cascade,
  helper_id uuid not null references public.profiles (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  status public.match_status not null,
  initiated_by public.match_initiator not null,
  proposed_by uuid references public.profiles (id) on delete set null,
  score numeric(6, 2),
  helper_accepted_at timestamptz,
  organisation_accepted_at timestamptz,
  approved_at timestamptz,
  approved_by uuid references public.profiles (id) on delete set null,
  ended_at timestamptz,
  municipal_involvement public.involvement_role,
  first_with_municipality boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (need_id, helper_id)
);
create index matches_helper_idx on public.matches (helper_id, status);
create index matches_organisation_idx on public.matches (organisation_id, status);
create index matches_municipality_idx on public.matches (municipality_id, status);
comment on table public.matches is 'A need × helper pairing; a declined pair stays, so it is never proposed again.';
comment on column public.matches.first_with_municipality is 'The helper''s first match in which their municipality took part: the "1 in 10" made countable.';

-- ---------------------------------------------------------------------------------------------
-- Hour logs
-- ---------------------------------------------------------------------------------------------
create table public.hour_logs (
  id uuid primary key default gen_random_uuid(),
  match_id uuid not null references public.matches (id) on delete cascade,
  helper_id uuid not null references public.profiles (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  worked_on date not null,
  hours numeric(4, 2) not null check (hours > 0 and hours <= 24),
  note text not null default '' check (length(note) <= 500),
  status public.hour_log_status not null default 'logged',
  reviewed_by uuid references public.profiles (id) on delete set null,
  reviewed_at timestamptz,
  -- Set by the phone for logs queued offline, so a replay is recognised and not counted twice.
  client_key uuid unique,
  created_at timestamptz not null default now()
);
create index hour_logs_match_idx on public.hour_logs (match_id);
create index hour_logs_helper_idx on public.hour_logs (helper_id, worked_on);
create index hour_logs_organisation_idx on public.hour_logs (organisation_id, status);
comment on table public.hour_logs is 'Hours a helper worked on an active match; only confirmed hours count.';

-- ---------------------------------------------------------------------------------------------
-- §72a SGB VIII inspections: the three facts §72a(5) allows, and who inspected
-- ---------------------------------------------------------------------------------------------
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
  check (recheck_on > certificate_date)
);
create index inspections_72a_organisation_idx on public.inspections_72a (inspecting_organisation_id);
comment on table public.inspections_72a is 'That an erweitertes Führungszeugnis was inspected, its date and whether a disqualifying conviction is listed. Never the certificate or its content.';

-- ---------------------------------------------------------------------------------------------
-- Involvement ledger (Koproduktions-Protokoll): append-only
-- ---------------------------------------------------------------------------------------------
create table public.involvement_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  kind public.involvement_kind not null,
  municipality_id uuid not null references public.municipalities (id) on delete restrict,
  organisation_id uuid references public.organisations (id) on delete set null,
  actor_id uuid references public.profiles (id) on delete set null,
  helper_id uuid references public.profiles (id) on delete set null,
  need_id uuid references public.needs (id) on delete set null,
  match_id uuid references public.matches (id) on delete set null,
  -- null: the municipality took no part in this event.
  municipal_role public.involvement_role
);
create index involvement_events_municipality_idx on public.involvement_events (municipality_id, occurred_at);
create index involvement_events_organisation_idx on public.involvement_events (organisation_id);
create index involvement_events_actor_idx on public.involvement_events (actor_id);
create index involvement_events_helper_idx on public.involvement_events (helper_id);
comment on table public.involvement_events is 'Who did what, and the municipality''s role in it. Rows are never changed; erasing a person only blanks their references.';

-- ---------------------------------------------------------------------------------------------
-- Feedback and suggestions
-- ---------------------------------------------------------------------------------------------
create table public.feedback (
  id uuid primary key default gen_random_uuid(),
  match_id uuid not null references public.matches (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  perspective public.feedback_perspective not null,
  rating smallint not null check (rating between 1 and 5),
  comment text not null default '' check (length(comment) <= 1000),
  created_at timestamptz not null default now(),
  unique (match_id, perspective)
);
create index feedback_organisation_idx on public.feedback (organisation_id);
create index feedback_author_idx on public.feedback (author_id);
comment on table public.feedback is 'Ratings after a match ends, from the helper, the coordinator, or recorded for the beneficiary.';

create table public.need_suggestions (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  district_id uuid references public.districts (id) on delete set null,
  author_id uuid references public.profiles (id) on delete set null,
  category public.need_category,
  target_group public.target_group,
  body text not null check (length(trim(body)) between 10 and 1000),
  status public.suggestion_status not null default 'new',
  need_id uuid references public.needs (id) on delete set null,
  created_at timestamptz not null default now()
);
create index need_suggestions_municipality_idx on public.need_suggestions (municipality_id, status);
create index need_suggestions_author_idx on public.need_suggestions (author_id);
comment on table public.need_suggestions is 'A citizen''s suggestion of a need in their neighbourhood; a coordinator may turn it into a need.';

-- ---------------------------------------------------------------------------------------------
-- Derived columns: organisation and municipality come from the parent row, never the client
-- ---------------------------------------------------------------------------------------------
create function private.need_derive_municipality() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  select o.municipality_id into new.municipality_id from public.organisations o where o.id = new.organisation_id;
  new.updated_at := now();
  return new;
end
$$;
create trigger needs_derive before insert or update of organisation_id, municipality_id on public.needs
  for each row execute function private.need_derive_municipality();

create function private.match_derive_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  select n.organisation_id, n.municipality_id into new.organisation_id, new.municipality_id
  from public.needs n where n.id = new.need_id;
  return new;
end
$$;
create trigger matches_derive before insert on public.matches
  for each row execute function private.match_derive_owner();

create function private.hour_log_derive_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  select m.helper_id, m.organisation_id, m.municipality_id
    into new.helper_id, new.organisation_id, new.municipality_id
  from public.matches m where m.id = new.match_id;
  return new;
end
$$;
create trigger hour_logs_derive before insert on public.hour_logs
  for each row execute function private.hour_log_derive_owner();

create function private.feedback_derive_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  select m.organisation_id into new.organisation_id from public.matches m where m.id = new.match_id;
  return new;
end
$$;
create trigger feedback_derive before insert on public.feedback
  for each row execute function private.feedback_derive_owner();

-- A nonprofit's need opens only through the municipality where the town's policy asks for it.
-- Enforced for people (roles anon/authenticated); system jobs and the seed act as themselves.
-- Security invoker on purpose: it must see which role the statement runs as.
create function private.need_guard_opening() returns trigger
language plpgsql set search_path = ''
as $$
declare
  needs_approval boolean;
begin
  if current_user::text in ('authenticated', 'anon')
     and new.status in ('open', 'matched')
     and (tg_op = 'INSERT' or old.status in ('draft', 'pending_approval')) then
    select o.kind = 'nonprofit' and m.nonprofit_needs_need_approval into needs_approval
    from public.organisations o join public.municipalities m on m.id = o.municipality_id
    where o.id = new.organisation_id;
    if needs_approval and new.municipality_id not in (select private.governed_municipality_ids()) then
      raise exception 'need_requires_municipal_approval' using errcode = 'P0001';
    end if;
    if needs_approval then
      new.approved_by := (select auth.uid());
      new.approved_at := now();
    end if;
  end if;
  return new;
end
$$;
create trigger needs_guard_opening before insert or update of status on public.needs
  for each row execute function private.need_guard_opening();

-- The ledger is append-only: no deletes; updates only blank person references on erasure.
create function private.involvement_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'involvement_events_append_only' using errcode = 'P0001';
  end if;
  if (new.id, new.occurred_at, new.kind, new.municipality_id, new.municipal_role)
       is distinct from (old.id, old.occurred_at, old.kind, old.municipality_id, old.municipal_role)
     or (new.organisation_id is distinct from old.organisation_id and new.organisation_id is not null)
     or (new.actor_id is distinct from old.actor_id and new.actor_id is not null)
     or (new.helper_id is distinct from old.helper_id and new.helper_id is not null)
     or (new.need_id is distinct from old.need_id and new.need_id is not null)
     or (new.match_id is distinct from old.match_id and new.match_id is not null) then
    raise exception 'involvement_events_append_only' using errcode = 'P0001';
  end if;
  return new;
end
$$;
create trigger involvement_events_append_only before update or delete on public.involvement_events
  for each row execute function private.involvement_append_only();

-- ---------------------------------------------------------------------------------------------
-- Policy helpers for this file's tables
-- ---------------------------------------------------------------------------------------------
create function private.town_inspector_organisation_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select o.id from public.organisations o
  join public.municipalities m on m.id = o.municipality_id
  where o.kind = 'municipal' and m.municipality_inspects_72a
    and m.id in (select private.coordinated_municipality_ids())
$$;
comment on function private.town_inspector_organisation_ids() is 'Municipal offices whose §72a inspections count town-wide, in the current person''s municipalities.';

create function private.active_match_counterpart_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.helper_id from public.matches m
  where m.status = 'active' and m.organisation_id in (select private.coordinated_organisation_ids())
$$;
comment on function private.active_match_counterpart_ids() is 'Helpers in an active match with an organisation the current person coordinates.';

create function private.my_match_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.id from public.matches m where m.helper_id = (select auth.uid())
$$;

-- Security definer: the needs policy must not read matches under RLS, or any matches policy that
-- reads needs makes the two recurse (matches → needs → matches).
create function private.my_matched_need_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.need_id from public.matches m where m.helper_id = (select auth.uid())
$$;

revoke execute on all functions in schema private from public;
grant execute on function private.town_inspector_organisation_ids(), private.active_match_counterpart_ids(),
  private.my_match_ids(), private.my_matched_need_ids() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Row-level security
-- ---------------------------------------------------------------------------------------------
alter table public.offers enable row level security;
alter table public.needs enable row level security;
alter table public.matches enable row level security;
alter table public.hour_logs enable row level security;
alter table public.inspections_72a enable row level security;
alter table public.involvement_events enable row level security;
alter table public.feedback enable row level security;
alter table public.need_suggestions enable row level security;

grant select, insert, update, delete on public.offers to authenticated;
grant select, insert, update on public.needs to authenticated;
-- Coordinators review hour logs; whose hours, on which match and where is fixed at insert.
grant select, insert on public.hour_logs to authenticated;
grant update (status, reviewed_by, reviewed_at) on public.hour_logs to authenticated;
grant select, insert on public.matches to authenticated;
grant select, insert, update, delete on public.inspections_72a to authenticated;
grant select on public.involvement_events to authenticated;
grant select, insert on public.feedback to authenticated;
grant select, insert, update on public.need_suggestions to authenticated;
grant all on all tables in schema public to service_role;

-- Offers
create policy "Helpers manage their own offer" on public.offers
  for all to authenticated
  using (helper_id = (select auth.uid())) with check (helper_id = (select auth.uid()));
create policy "Coordinators read the offers in their municipality" on public.offers
  for select to authenticated using (municipality_id in (select private.coordinated_municipality_ids()));
create policy "Coordinators read profiles of helpers offering in their town" on public.profiles
  for select to authenticated
  using (id in (select o.helper_id from public.offers o
                where o.municipality_id in (select private.coordinated_municipality_ids())));

-- Needs
create policy "Signed-in people read open needs" on public.needs
  for select to authenticated using (status in ('open', 'matched'));
create policy "Helpers read the needs they are matched with" on public.needs
  for select to authenticated
  using (id in (select private.my_matched_need_ids()));
create policy "Coordinators read their organisation's needs" on public.needs
  for select to authenticated using (organisation_id in (select private.coordinated_organisation_ids()));
create policy "Municipal coordinators read submitted needs of their town" on public.needs
  for select to authenticated
  using (status <> 'draft' and municipality_id in (select private.governed_municipality_ids()));
create policy "Coordinators post needs for their organisation" on public.needs
  for insert to authenticated
  with check (organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators change their organisation's needs" on public.needs
  for update to authenticated
  using (organisation_id in (select private.coordinated_organisation_ids()))
  with check (organisation_id in (select private.coordinated_organisation_ids()));
create policy "Municipal coordinators decide on the needs of their town" on public.needs
  for update to authenticated
  using (status <> 'draft' and municipality_id in (select private.governed_municipality_ids()))
  with check (municipality_id in (select private.governed_municipality_ids()));

-- Matches: created here, moved on only through the accept/decline/approve functions
create policy "Helpers read their own matches" on public.matches
  for select to authenticated using (helper_id = (select auth.uid()));
create policy "Coordinators read their organisation's matches" on public.matches
  for select to authenticated using (organisation_id in (select private.coordinated_organisation_ids()));
create policy "Municipal coordinators read the matches of their municipality" on public.matches
  for select to authenticated using (municipality_id in (select private.governed_municipality_ids()));
create policy "Helpers ask to help with an open need" on public.matches
  for insert to authenticated
  with check (helper_id = (select auth.uid()) and status = 'requested' and initiated_by = 'helper'
              and need_id in (select n.id from public.needs n where n.status = 'open'));
create policy "Coordinators propose helpers for their organisation's needs" on public.matches
  for insert to authenticated
  with check (status = 'proposed' and initiated_by in ('coordinator', 'batch')
              and proposed_by = (select auth.uid())
              and organisation_id in (select private.coordinated_organisation_ids()));

-- Contact details: only between the two sides of an active match
create policy "Coordinators read contact details of helpers in active matches" on public.contact_details
  for select to authenticated using (person_id in (select private.active_match_counterpart_ids()));

-- Hour logs
create policy "Helpers read their own hour logs" on public.hour_logs
  for select to authenticated using (helper_id = (select auth.uid()));
create policy "Helpers log hours on their active matches" on public.hour_logs
  for insert to authenticated
  with check (helper_id = (select auth.uid()) and status = 'logged'
              and match_id in (select m.id from public.matches m
                               where m.helper_id = (select auth.uid()) and m.status = 'active'));
create policy "Coordinators read their organisation's hour logs" on public.hour_logs
  for select to authenticated using (organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators review their organisation's hour logs" on public.hour_logs
  for update to authenticated
  using (organisation_id in (select private.coordinated_organisation_ids()))
  with check (organisation_id in (select private.coordinated_organisation_ids()));
create policy "Municipal coordinators read the hour logs of their municipality" on public.hour_logs
  for select to authenticated using (municipality_id in (select private.governed_municipality_ids()));

-- §72a inspections: the inspecting organisation's own record; town-wide only by policy
create policy "Helpers read their own inspections" on public.inspections_72a
  for select to authenticated using (helper_id = (select auth.uid()));
create policy "Coordinators manage their organisation's inspections" on public.inspections_72a
  for all to authenticated
  using (inspecting_organisation_id in (select private.coordinated_organisation_ids()))
  with check (inspecting_organisation_id in (select private.coordinated_organisation_ids()));
create policy "Coordinators read town inspections where the town inspects" on public.inspections_72a
  for select to authenticated
  using (inspecting_organisation_id in (select private.town_inspector_organisation_ids()));

-- Involvement ledger: read-only for people; written by the system's functions
create policy "Municipal coordinators read their municipality's ledger" on public.involvement_events
  for select to authenticated using (municipality_id in (select private.governed_municipality_ids()));
create policy "Coordinators read their organisation's ledger" on public.involvement_events
  for select to authenticated using (organisation_id in (select private.coordinated_organisation_ids()));
create policy "People read the ledger entries about themselves" on public.involvement_events
  for select to authenticated
  using (actor_id = (select auth.uid()) or helper_id = (select auth.uid()));

-- Feedback
create policy "Helpers give feedback on their own ended matches" on public.feedback
  for insert to authenticated
  with check (author_id = (select auth.uid()) and perspective = 'helper'
              and match_id in (select m.id from public.matches m
                               where m.helper_id = (select auth.uid()) and m.status = 'completed'));
create policy "Coordinators record feedback on their ended matches" on public.feedback
  for insert to authenticated
  with check (author_id = (select auth.uid()) and perspective in ('coordinator', 'beneficiary')
              and match_id in (select m.id from public.matches m
                               where m.organisation_id in (select private.coordinated_organisation_ids())
                                 and m.status = 'completed'));
create policy "Helpers read feedback on their own matches" on public.feedback
  for select to authenticated using (match_id in (select private.my_match_ids()));
create policy "Coordinators read their organisation's feedback" on public.feedback
  for select to authenticated using (organisation_id in (select private.coordinated_organisation_ids()));

-- Suggestions
create policy "Signed-in people suggest needs" on public.need_suggestions
  for insert to authenticated with check (author_id = (select auth.uid()) and status = 'new');
create policy "People read their own suggestions" on public.need_suggestions
  for select to authenticated using (author_id = (select auth.uid()));
create policy "Coordinators read the suggestions in their municipality" on public.need_suggestions
  for select to authenticated using (municipality_id in (select private.coordinated_municipality_ids()));
create policy "Municipal coordinators handle suggestions in their town" on public.need_suggestions
  for update to authenticated
  using (municipality_id in (select private.governed_municipality_ids()))
  with check (municipality_id in (select private.governed_municipality_ids()));
