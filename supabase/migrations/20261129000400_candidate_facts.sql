-- The candidate lists with the one fact the score still read beside them: how many languages the
-- need prefers (the share of them a helper speaks is a score part, src/lib/domain/matching). The
-- app joined public.needs for it after each list, under the needs' row-level security: its
-- policies' sub-plans (matched, coordinated and governed ids) ran again for one number, 0.4 ms of
-- the helper's 1.4 ms list statement on the demo town (PostgreSQL 15). Here the count comes from
-- the need row the rules have already allowed; the lists, rules and caller checks are
-- bookable_fitting_need_rows' and bookable_need_candidates', unchanged.

-- From the helper's side: security definer like the rows it extends (it reads the fitting needs'
-- own rows, which bookable_fitting_need_rows has already restricted to the caller's offer).
create function private.bookable_fitting_need_fact_rows(p_limit integer)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric, preferred_count integer)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select f.*, coalesce(cardinality(n.preferred_languages), 0)
  from private.bookable_fitting_need_rows(p_limit) f
  join public.needs n on n.id = f.need_id
  order by f.windows_fit desc nulls last, f.distance_km asc nulls last, f.starts_on, f.need_id;
end
$$;
comment on function private.bookable_fitting_need_fact_rows(integer)
  is 'bookable_fitting_need_rows with the number of languages each need prefers; the same rows and order.';

create function public.bookable_fitting_need_facts(p_limit integer default 50)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric, preferred_count integer)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: only a person who can read their own offer gets needs.
  select c.* from public.offers o
  cross join lateral private.bookable_fitting_need_fact_rows(p_limit) c
  where o.helper_id = (select auth.uid());
end
$$;
comment on function public.bookable_fitting_need_facts(integer)
  is 'bookable_fitting_needs with the number of languages each need prefers: every fact the helper''s ranking needs in one call.';

-- From the coordinator's side: the need row that row-level security lets through is at hand.
create function public.bookable_need_candidate_facts(p_need uuid, p_limit integer default 50)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric, preferred_count integer)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  -- Row-level security decides first: a need the caller cannot see yields nothing.
  select c.*, coalesce(cardinality(n.preferred_languages), 0) from public.needs n
  cross join lateral private.bookable_need_candidate_rows(n.id, p_limit) c
  where n.id = p_need;
end
$$;
comment on function public.bookable_need_candidate_facts(uuid, integer)
  is 'bookable_need_candidates with the number of languages the need prefers: every fact the need page''s ranking needs in one call.';

revoke all on function private.bookable_fitting_need_fact_rows(integer),
  public.bookable_fitting_need_facts(integer), public.bookable_need_candidate_facts(uuid, integer)
  from public, anon;
grant execute on function private.bookable_fitting_need_fact_rows(integer),
  public.bookable_fitting_need_facts(integer), public.bookable_need_candidate_facts(uuid, integer)
  to authenticated, service_role;
