-- Foundation: schemas, API defaults, and the small helpers every other file uses.
--
-- Schemas
--   public   tables people reach through row-level security (Supabase exposes it over HTTP);
--            only security-invoker functions live here.
--   private  tables no client may reach (sign-in, sessions, outbox) and the security-definer
--            helpers that policies and verbs call. Not exposed by Supabase's API.
--   app      the verbs the server calls as the person (match verbs, approvals, invitations):
--            security definer, so they must not be reachable over Supabase's REST API either.
--
-- Errors: every refusal raises one stable code as the exception message with errcode P0001
-- (e.g. 'capacity_exceeded'); the app translates it. A raise aborts the statement, so nothing
-- the refused step wrote survives.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

create schema if not exists app;
revoke all on schema app from public;
grant usage on schema app to anon, authenticated, service_role;
comment on schema app is 'Verbs the server calls as the person; security definer, each checks who acts. Not exposed over HTTP.';

grant usage on schema public to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- API defaults: nothing unless a file grants it
-- ---------------------------------------------------------------------------------------------
-- Supabase gives `anon` and `authenticated` every privilege on each new table, sequence and
-- function in `public`. A column grant protects nothing while such a table grant stands, so
-- new objects start with no grants for the API roles and each file grants exactly what its
-- policies are written for. Functions are not executable by PUBLIC by default, anywhere.
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke execute on functions from public, anon, authenticated;
alter default privileges revoke execute on functions from public;

-- ---------------------------------------------------------------------------------------------
-- Errors and callers
-- ---------------------------------------------------------------------------------------------
create function private.fail(p_code text) returns void
language plpgsql set search_path = ''
as $$
begin
  raise exception '%', p_code using errcode = 'P0001';
end
$$;
comment on function private.fail(text) is 'Raises a stable error code as the message (errcode P0001); the app translates it.';

create function private.acting_as_person() returns boolean
language sql stable set search_path = ''
as $$ select current_user::text in ('authenticated', 'anon') $$;
comment on function private.acting_as_person() is
  'True when the statement runs as a person (role anon or authenticated), false inside a verb (security definer runs as the owner) or a system job. Guards call it to leave the verbs and the system alone.';

create function private.is_system_caller() returns boolean
language sql stable set search_path = ''
as $$
  select (select auth.uid()) is null
     and (current_setting('role') in ('none', 'service_role') or (select auth.role()) = 'service_role')
$$;
comment on function private.is_system_caller() is 'True for system jobs (no person''s claims, not switched into a person''s role).';

-- ---------------------------------------------------------------------------------------------
-- Dates (Europe/Berlin calendar dates) and distance
-- ---------------------------------------------------------------------------------------------
-- PL/pgSQL, not SQL: a SQL-language function with a SET clause is never inlined, and PostgreSQL
-- before 18 parses and plans its body again in every statement that calls it. A PL/pgSQL body of
-- one expression stays prepared per connection (on PostgreSQL 15: about 1 µs a call instead of
-- 1.5 µs, haversine_km 1.3 µs instead of 2.7 µs), so statements that call these per row
-- (matching, batch planning, reports) pay less.
create function private.berlin_today() returns date
language plpgsql stable set search_path = ''
as $$ begin return (now() at time zone 'Europe/Berlin')::date; end $$;
comment on function private.berlin_today() is 'Today''s date in Europe/Berlin.';

create function private.month_of(d date) returns date
language plpgsql immutable parallel safe set search_path = ''
as $$ begin return date_trunc('month', d::timestamp)::date; end $$;
comment on function private.month_of(date) is 'The first day of the calendar month of a date.';

create function private.haversine_km(lat1 double precision, lng1 double precision,
                                     lat2 double precision, lng2 double precision)
returns double precision
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  return 2 * 6371.0 * asin(least(1.0, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lng2 - lng1) / 2), 2))));
end
$$;
comment on function private.haversine_km(double precision, double precision, double precision, double precision)
  is 'Great-circle distance in km (haversine, R = 6371 km); the same formula as src/lib/domain/matching/distance.ts.';

-- About 500 m: 0.005° of latitude is 556 m; 0.0075° of longitude is 460–560 m across Germany.
create function private.round_lat(lat double precision) returns double precision
language sql immutable parallel safe set search_path = ''
as $$ select round(lat * 200) / 200 $$;
create function private.round_lng(lng double precision) returns double precision
language sql immutable parallel safe set search_path = ''
as $$ select round(lng / 0.0075) * 0.0075 $$;
comment on function private.round_lat(double precision) is 'A latitude on the ~500 m grid (0.005°): home areas are never exact addresses.';
comment on function private.round_lng(double precision) is 'A longitude on the ~500 m grid (0.0075°).';

-- ---------------------------------------------------------------------------------------------
-- Shapes of stored values (used by check constraints, so immutable)
-- ---------------------------------------------------------------------------------------------
create function private.are_language_codes(codes text[]) returns boolean
language sql immutable parallel safe set search_path = ''
as $$ select cardinality(codes) <= 10 and coalesce(array_to_string(codes, ',') ~ '^([a-z]{2,3}(,|$))*$', true) $$;
comment on function private.are_language_codes(text[]) is 'At most ten ISO 639 language codes (two or three lower-case letters), e.g. {de,tr}.';

create function private.window_count(w int4multirange) returns integer
language sql immutable parallel safe set search_path = ''
as $$ select count(*)::integer from unnest(w) $$;
comment on function private.window_count(int4multirange) is 'How many separate ranges a set of weekly windows holds.';

-- ---------------------------------------------------------------------------------------------
-- Who the current person is
-- ---------------------------------------------------------------------------------------------
-- Security definer so policies can read memberships without recursing into memberships' own
-- policies; an empty search_path so nothing can be shadowed. PL/pgSQL on purpose: its body is
-- resolved when first called, so these can be declared here, before the tables they read
-- (memberships, organisations, matches), and every policy can use them.
create function private.coordinated_organisation_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select m.organisation_id from public.memberships m
    where m.person_id = (select auth.uid()) and m.role = 'coordinator' and m.status = 'active';
end
$$;
comment on function private.coordinated_organisation_ids() is 'Organisations the current person actively coordinates (a paused or ended coordinator coordinates nothing).';

create function private.coordinated_municipality_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select distinct o.municipality_id from public.organisations o
    where o.id in (select private.coordinated_organisation_ids());
end
$$;
comment on function private.coordinated_municipality_ids() is 'Municipalities in which the current person coordinates any organisation.';

create function private.governed_municipality_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select distinct o.municipality_id from public.organisations o
    where o.kind = 'municipal' and o.id in (select private.coordinated_organisation_ids());
end
$$;
comment on function private.governed_municipality_ids() is 'Municipalities for which the current person is a municipal coordinator.';

create function private.is_platform_admin() returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (select 1 from public.platform_admins a where a.person_id = (select auth.uid()));
end
$$;
comment on function private.is_platform_admin() is 'Whether the current person is a platform admin.';

create function private.pool_member_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select h.person_id from public.memberships h
    where h.role = 'helper' and h.status in ('active', 'paused')
      and h.organisation_id in (select private.coordinated_organisation_ids());
end
$$;
comment on function private.pool_member_ids() is
  'Active or paused helpers in the pools of the organisations the current person coordinates (invited: no consent yet; ended: gone).';

-- For the team page (src/lib/server/onboarding/team.ts): who else coordinates the organisation.
create function private.fellow_coordinator_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select m.person_id from public.memberships m
    where m.role = 'coordinator' and m.status = 'active'
      and m.organisation_id in (select private.coordinated_organisation_ids());
end
$$;
comment on function private.fellow_coordinator_ids() is
  'Active coordinators of the organisations the current person actively coordinates (the person included).';

create function private.match_counterpart_ids(p_active_only boolean) returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select m.helper_id from public.matches m
    where (m.organisation_id in (select private.coordinated_organisation_ids())
           and (not p_active_only or m.status = 'active'))
       -- The town knows whom it approves, and who helps under its approval.
       or (not p_active_only and m.status in ('pending_approval', 'active')
           and m.municipality_id in (select private.governed_municipality_ids()));
end
$$;
comment on function private.match_counterpart_ids(boolean) is
  'Helpers with a match (or, with p_active_only, an active match) on a need of an organisation the current person coordinates; without p_active_only also helpers of matches waiting for or under the approval of a town the person governs.';

create function private.my_match_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query select m.id from public.matches m where m.helper_id = (select auth.uid());
end
$$;
comment on function private.my_match_ids() is 'The current person''s own matches.';

-- Security definer: the needs policy must not read matches under RLS, or any matches policy that
-- reads needs makes the two recurse (matches → needs → matches).
create function private.my_matched_need_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query select m.need_id from public.matches m where m.helper_id = (select auth.uid());
end
$$;
comment on function private.my_matched_need_ids() is 'Needs the current person has a match with.';

create function private.town_inspector_organisation_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select o.id from public.organisations o
    join public.municipalities m on m.id = o.municipality_id
    where o.kind = 'municipal' and m.municipality_inspects_72a
      and m.id in (select private.coordinated_municipality_ids());
end
$$;
comment on function private.town_inspector_organisation_ids() is
  'Municipal offices whose §72a inspections count town-wide (their town''s switch is on), in the current person''s municipalities.';

-- ---------------------------------------------------------------------------------------------
-- Grants: policies run these as the person
-- ---------------------------------------------------------------------------------------------
grant execute on function
  private.fail(text), private.acting_as_person(), private.is_system_caller(), private.berlin_today(),
  private.month_of(date),
  private.haversine_km(double precision, double precision, double precision, double precision),
  private.round_lat(double precision), private.round_lng(double precision),
  private.are_language_codes(text[]), private.window_count(int4multirange),
  private.coordinated_organisation_ids(), private.coordinated_municipality_ids(),
  private.governed_municipality_ids(), private.is_platform_admin(), private.pool_member_ids(),
  private.match_counterpart_ids(boolean), private.my_match_ids(), private.my_matched_need_ids(),
  private.town_inspector_organisation_ids(), private.fellow_coordinator_ids()
to authenticated, service_role;
