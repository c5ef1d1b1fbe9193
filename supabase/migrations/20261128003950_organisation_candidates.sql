-- Candidates for every open need of an organisation in one statement, for batch planning. Until
-- now the batch called bookable_need_candidates once per need (2 000 needs: 2 000 statements,
-- each running pair_checks' per-helper subqueries). This computes the same rows set-based: one
-- GiST join of all the needs against the offers' reach boxes, load and history per helper once,
-- the double-booking test as one anti-join. Same rules, facts and per-need order as
-- bookable_need_candidates (tests/db/matching/batch-set-based.test.ts compares them on the demo
-- town); bookable_need_candidates stays what the need page and the verbs use. Replaces nothing.

-- Security definer to read other organisations' matches and offers for the rules and facts, as
-- need_candidate_rows does; the same caller check (coordinators of the need's organisation,
-- municipal coordinators of its town), read from the caller's claims.
create function private.bookable_organisation_candidate_rows(p_organisation uuid, p_limit integer)
returns table (need_id uuid, helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language sql stable security definer set search_path = ''
as $$
  with n as materialized (
    select n.id, n.organisation_id, n.municipality_id, n.category, n.target_group, n.hours, n.lat, n.lng, n.point,
           n.remote, n.time_windows, n.required_languages, n.preferred_languages, n.requires_72a,
           n.starts_on, n.ends_on,
           private.month_of(n.starts_on) as first_month,
           private.need_last_month(n.cadence, n.starts_on, n.ends_on) as last_month,
           greatest(n.starts_on, private.berlin_today()) as begins_on,
           private.month_of(private.berlin_today()) as this_month
    from public.needs n
    where n.organisation_id = p_organisation and n.status = 'open'
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  nearby as (
    -- need_candidate_rows' retrieval for all needs at once: whose reach box holds the need's
    -- point (GiST), then the cheap rules. The other rules are written so no index can serve them:
    -- against a set of needs the planner misjudges them and would scan the town's offers (by
    -- municipality, or the GIN indexes) once per need instead of the reach boxes.
    select n.id as need_id, o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month,
           private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) as distance_km
    from n join public.offers o
      on o.reach && box(n.point, n.point)
     and (o.municipality_id = n.municipality_id) is true
     and n.category = any (o.categories) and n.target_group = any (o.target_groups)
     and not (n.remote and o.remote_ok)
     and (o.languages @> n.required_languages) is true
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
     and private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) <= o.radius_km
    union all
    select n.id, o.helper_id, o.languages, o.availability, o.paused_until, o.hours_per_month, null::double precision
    from n join public.offers o
      on n.remote and o.remote_ok
     and o.municipality_id = n.municipality_id
     and n.category = any (o.categories) and n.target_group = any (o.target_groups)
     and (o.languages @> n.required_languages) is true
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
  ),
  fitting as (
    -- pair_checks' remaining rules (paused, already matched, §72a, hours in every month the need
    -- runs) and facts, then bookable's double-booking test; per pair through the helper's indexes.
    select x.need_id, x.helper_id, p.display_name, x.distance_km,
           x.hours_per_month - coalesce(load.peak, 0) as remaining_hours,
           x.hours_per_month::numeric as capacity,
           case when x.availability is null or n.time_windows is null then null
                else x.availability && n.time_windows end as windows_fit,
           case when x.availability is null or n.time_windows is null then null
                else (x.availability * n.time_windows)::int4multirange end as windows_overlap,
           array(select l from unnest(n.preferred_languages) l where l = any (x.languages)) as speaks_preferred,
           hist.helped_org_before, hist.total_matches,
           coalesce(load.this_month, 0) as committed_this_month
    from nearby x
    join n on n.id = x.need_id
    join public.profiles p on p.id = x.helper_id
    left join lateral (
      select max(per.hours) filter (where per.month between n.first_month and n.last_month) as peak,
             sum(per.hours) filter (where per.month = n.this_month) as this_month
      from (select cm.month, sum(cm.hours) as hours
            from private.committed_months cm
            where cm.helper_id = x.helper_id
              and (cm.month between n.first_month and n.last_month or cm.month = n.this_month)
            group by cm.month) per
    ) load on true
    cross join lateral (
      select (count(*) filter (where m.organisation_id = n.organisation_id and m.status in ('active', 'completed')))::integer
               as helped_org_before,
             (count(*) filter (where m.status in ('pending_approval', 'active', 'completed')))::integer as total_matches
      from public.matches m
      where m.helper_id = x.helper_id
    ) hist
    where not coalesce(x.paused_until >= n.begins_on, false)
      and not exists (select 1 from public.matches m where m.need_id = x.need_id and m.helper_id = x.helper_id)
      and (not n.requires_72a or private.inspection_valid(x.helper_id, x.need_id))
      and x.hours_per_month - coalesce(load.peak, 0) >= n.hours
      -- double_booked: another match of the helper that takes time on these dates and windows.
      and not exists (
        select 1 from public.matches m join public.needs o on o.id = m.need_id
        where m.helper_id = x.helper_id and m.status in ('pending_approval', 'active') and m.need_id <> x.need_id
          and private.needs_clash(n.starts_on, n.ends_on, n.time_windows, o.starts_on, o.ends_on, o.time_windows))
  ),
  placed as (
    select f.*, row_number() over (partition by f.need_id
                                   order by f.windows_fit desc nulls last, f.distance_km asc nulls last, f.helper_id) as place
    from fitting f
  )
  select f.need_id, f.helper_id, f.display_name, f.distance_km, f.remaining_hours, f.capacity, f.windows_fit,
         f.windows_overlap, f.speaks_preferred, f.helped_org_before, f.total_matches, f.committed_this_month
  from placed f
  where f.place <= greatest(p_limit, 0)
  order by f.need_id, f.place
$$;
comment on function private.bookable_organisation_candidate_rows(uuid, integer)
  is 'bookable_need_candidate_rows for every open need of an organisation in one statement: the same rules, facts, caller check and per-need order, at most p_limit per need.';

create function public.bookable_organisation_candidates(p_organisation uuid, p_limit integer default 50)
returns table (need_id uuid, helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language sql stable security invoker set search_path = ''
as $$
  -- Row-level security decides first, need by need as bookable_need_candidates does: a need the
  -- caller cannot see yields nothing.
  select c.* from private.bookable_organisation_candidate_rows(p_organisation, p_limit) c
  where c.need_id in (select n.id from public.needs n where n.organisation_id = p_organisation)
$$;
comment on function public.bookable_organisation_candidates(uuid, integer)
  is 'Candidates for every open need of an organisation, for its coordinators (batch planning): bookable_need_candidates for each need, in one statement. Empty for an organisation the caller does not coordinate.';

-- As bookable_need_candidates: the invoker wrapper calls the definer as the person.
revoke all on function private.bookable_organisation_candidate_rows(uuid, integer),
  public.bookable_organisation_candidates(uuid, integer)
  from public, anon;
grant execute on function
  private.bookable_organisation_candidate_rows(uuid, integer), public.bookable_organisation_candidates(uuid, integer)
to authenticated, service_role;
