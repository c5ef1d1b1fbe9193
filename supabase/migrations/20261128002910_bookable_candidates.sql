-- Candidate lists that know about double booking: the lists of 20261128000900_matching.sql
-- (every other hard rule) without the helpers, or the needs, whose time is already taken by
-- another match of the helper (private.double_booked, the predicate the match verbs' guard
-- uses). The app reads these; need_candidate_rows and fitting_need_rows are their building blocks.
-- PL/pgSQL with generic cached plans, for the reason in 20261128000900_matching.sql.

-- ---------------------------------------------------------------------------------------------
-- From the coordinator's side
-- ---------------------------------------------------------------------------------------------
-- Security definer to read other organisations' matches for the boolean; the caller check is
-- need_candidate_rows' own (it reads the caller's claims, which a definer keeps).
create function private.bookable_need_candidate_rows(p_need uuid, p_limit integer)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Every fitting helper first (pair_checks has already checked them all; the limit there only
  -- cuts the sorted list), then the limit after leaving out the double-booked.
  select c.* from private.need_candidate_rows(p_need, 2147483647) c
  where not private.double_booked(p_need, c.helper_id, null)
  order by c.windows_fit desc nulls last, c.distance_km asc nulls last, c.helper_id
  limit greatest(p_limit, 0);
end
$$;
comment on function private.bookable_need_candidate_rows(uuid, integer)
  is 'need_candidate_rows without the helpers whose time on the need''s dates and windows is taken by another match (double_booking); the same caller check and order.';

create function public.bookable_need_candidates(p_need uuid, p_limit integer default 50)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: a need the caller cannot see yields nothing.
  select c.* from public.needs n
  cross join lateral private.bookable_need_candidate_rows(n.id, p_limit) c
  where n.id = p_need;
end
$$;
comment on function public.bookable_need_candidates(uuid, integer)
  is 'Candidates for a need, for its coordinators: every hard rule including no double booking, with the facts the score needs. Empty for a need the caller may not see or does not coordinate.';

-- ---------------------------------------------------------------------------------------------
-- From the helper's side
-- ---------------------------------------------------------------------------------------------
create function private.bookable_fitting_need_rows(p_limit integer)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select f.* from private.fitting_need_rows(2147483647) f
  where not private.double_booked(f.need_id, (select auth.uid()), null)
  order by f.windows_fit desc nulls last, f.distance_km asc nulls last, f.starts_on, f.need_id
  limit greatest(p_limit, 0);
end
$$;
comment on function private.bookable_fitting_need_rows(integer)
  is 'fitting_need_rows without the needs whose dates and windows clash with another match of the current person (double_booking); the same order.';

create function public.bookable_fitting_needs(p_limit integer default 50)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: only a person who can read their own offer gets needs.
  select c.* from public.offers o
  cross join lateral private.bookable_fitting_need_rows(p_limit) c
  where o.helper_id = (select auth.uid());
end
$$;
comment on function public.bookable_fitting_needs(integer)
  is 'Open needs that fit the current person''s offer under every hard rule including no double booking, with the facts the score needs.';

-- The invoker wrappers call the *_rows functions as the person; each checks the caller itself.
revoke all on function private.bookable_need_candidate_rows(uuid, integer), private.bookable_fitting_need_rows(integer),
  public.bookable_need_candidates(uuid, integer), public.bookable_fitting_needs(integer)
  from public, anon;
grant execute on function
  private.bookable_need_candidate_rows(uuid, integer), private.bookable_fitting_need_rows(integer),
  public.bookable_need_candidates(uuid, integer), public.bookable_fitting_needs(integer)
to authenticated, service_role;
