-- Batch candidates as one row per need, aggregated where they are made. The plan read the rows
-- of bookable_organisation_candidate_rows (20261130000100, 20261130000800) through its invoker
-- wrapper and built each need's JSON array outside: in the bench town (2 000 open needs, 20 000
-- helpers) 117 725 rows crossed two function boundaries, were filtered against the needs again
-- and then aggregated, 0.35–0.45 s of the read's 2.9–3.1 s (PostgreSQL 15, 2-core machine). Here
-- the same statement aggregates them itself: same rules, facts, caller check, per-need order and
-- parts; only the row shape changes, so the row functions give way (one body, not two). Inlining
-- organisation_nearby_offers into this statement instead took 190–230 s: the planner, unfenced,
-- joins needs and offers first; it stays a function of its own.

drop function public.bookable_organisation_candidates(uuid, integer, integer, integer);
drop function private.bookable_organisation_candidate_rows(uuid, integer, integer, integer);

create function private.bookable_organisation_candidate_lists(p_organisation uuid, p_limit integer, p_part integer, p_parts integer)
returns table (need_id uuid, preferred_count integer, candidates text)
language sql stable security definer set search_path = '' set jit = off set work_mem = '128MB' set enable_mergejoin = off
as $$
  with n as materialized (
    select n.id, n.municipality_id, n.hours, n.time_windows, n.preferred_languages, n.requires_72a, n.starts_on, n.ends_on,
           private.month_of(n.starts_on) as first_month,
           private.need_last_month(n.cadence, n.starts_on, n.ends_on) as last_month,
           greatest(n.starts_on, private.berlin_today()) as begins_on
    from public.needs n
    where n.organisation_id = p_organisation and n.status = 'open'
      and private.in_part(n.id, p_part, p_parts)
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  nearby as (select * from private.organisation_nearby_offers(p_organisation, p_part, p_parts)),
  -- What pair_checks looks up per pair, here once per helper (a helper is near ~20 needs): for
  -- every helper with an offer in the needs' towns, where every nearby offer is. Naming them from
  -- the nearby pairs instead kept all those pairs a second time (481 000 in the bench town).
  booked as materialized (
    select m.helper_id, m.need_id, m.organisation_id, m.status, o.starts_on, o.ends_on, o.time_windows
    from public.matches m join public.needs o on o.id = m.need_id
    where m.helper_id in (select t.helper_id from public.offers t
                          where t.municipality_id in (select n.municipality_id from n))
  ),
  hist as (
    select b.helper_id,
           (count(*) filter (where b.organisation_id = p_organisation and b.status in ('active', 'completed')))::integer
             as helped_org_before,
           (count(*) filter (where b.status in ('pending_approval', 'active', 'completed')))::integer as total_matches
    from booked b group by b.helper_id
  ),
  -- §72a once per helper, not private.inspection_valid per pair: the last day an inspection that
  -- counts (private.counting_inspections) covers, for this organisation's needs in each of their towns.
  inspected as (
    select c.helper_id, t.municipality_id, max(c.until) as until
    from (select distinct n.municipality_id from n) t
    join private.counting_inspections c
      on c.organisation_id = p_organisation or c.municipality_id = t.municipality_id
    group by c.helper_id, t.municipality_id
  ),
  spans as (select distinct n.first_month, n.last_month from n),
  load as (
    select cm.helper_id, s.first_month, s.last_month,
           max(cm.hours) filter (where cm.month between s.first_month and s.last_month) as peak,
           max(cm.hours) filter (where cm.month = private.month_of(private.berlin_today())) as this_month
    from (select c.helper_id, c.month, sum(c.hours) as hours
          from private.committed_months c
          where c.helper_id in (select b.helper_id from booked b where b.status in ('pending_approval', 'active'))
          group by c.helper_id, c.month) cm
    cross join spans s
    group by cm.helper_id, s.first_month, s.last_month
  ),
  fitting as (
    select x.need_id, x.helper_id, x.distance_km, x.languages, n.preferred_languages,
           x.hours_per_month - coalesce(load.peak, 0) as remaining_hours,
           x.hours_per_month::numeric as capacity,
           case when x.availability is null or n.time_windows is null then null
                else x.availability && n.time_windows end as windows_fit,
           x.availability, n.time_windows,
           coalesce(hist.helped_org_before, 0) as helped_org_before, coalesce(hist.total_matches, 0) as total_matches,
           coalesce(load.this_month, 0) as committed_this_month
    from nearby x
    join n on n.id = x.need_id
    left join load on load.helper_id = x.helper_id and load.first_month = n.first_month and load.last_month = n.last_month
    left join hist on hist.helper_id = x.helper_id
    left join inspected ins on ins.helper_id = x.helper_id and ins.municipality_id = n.municipality_id
    where not coalesce(x.paused_until >= n.begins_on, false)
      and (not n.requires_72a or ins.until > coalesce(n.ends_on, n.starts_on))
      and x.hours_per_month - coalesce(load.peak, 0) >= n.hours
      and not exists (select 1 from booked b where b.helper_id = x.helper_id and b.need_id = x.need_id)
      -- double_booked: another match of the helper that takes time on these dates and windows.
      and not exists (
        select 1 from booked b
        where b.helper_id = x.helper_id and b.status in ('pending_approval', 'active') and b.need_id <> x.need_id
          and b.time_windows && n.time_windows
          and private.needs_clash(n.starts_on, n.ends_on, n.time_windows, b.starts_on, b.ends_on, b.time_windows))
  ),
  placed as (
    select f.*, row_number() over (partition by f.need_id
                                   order by f.windows_fit desc nulls last, f.distance_km asc nulls last, f.helper_id) as place
    from fitting f
  )
  -- One row per need, its candidates as one JSON array of tuples in the list's order (FactRow's
  -- order, src/lib/server/matching/plan-input.ts): the speaking check only where the need prefers
  -- languages.
  select f.need_id, coalesce(cardinality(min(f.preferred_languages)), 0)::integer as preferred_count,
         json_agg(json_build_array(
           f.helper_id, p.display_name, f.distance_km, f.remaining_hours, f.capacity, f.windows_fit,
           -- The overlap only for the rows kept (a third of those that fit).
           case when f.availability is null or f.time_windows is null then null
                else (f.availability * f.time_windows)::int4multirange end,
           case when cardinality(f.preferred_languages) > 0
                then array(select l from unnest(f.preferred_languages) l where l = any (f.languages))
                else '{}'::text[] end,
           f.helped_org_before, f.total_matches, f.committed_this_month) order by f.place)::text as candidates
  from placed f
  join public.profiles p on p.id = f.helper_id
  where f.place <= greatest(p_limit, 0)
  group by f.need_id
$$;
comment on function private.bookable_organisation_candidate_lists(uuid, integer, integer, integer)
  is 'bookable_need_candidate_rows for every open need of an organisation (of one part, private.in_part) in one statement: the same rules, facts, caller check and order, at most p_limit per need, each need''s candidates as one JSON array of tuples (helper, name, distance, remaining hours, capacity, windows fit, overlap, preferred languages spoken, helped the organisation before, matches, committed this month).';

create function public.bookable_organisation_candidate_lists(p_organisation uuid, p_limit integer default 50,
                                                             p_part integer default 0, p_parts integer default 1)
returns table (need_id uuid, preferred_count integer, candidates text)
language sql stable security invoker set search_path = ''
as $$
  -- Row-level security decides first, need by need as bookable_need_candidates does: a need the
  -- caller cannot see yields nothing.
  select c.* from private.bookable_organisation_candidate_lists(p_organisation, p_limit, p_part, p_parts) c
  where c.need_id in (select n.id from public.needs n where n.organisation_id = p_organisation)
$$;
comment on function public.bookable_organisation_candidate_lists(uuid, integer, integer, integer)
  is 'Candidates for every open need of an organisation, for its coordinators (batch planning): bookable_need_candidates for each need, one row per need with its candidates as a JSON array of tuples, in one statement; with p_parts > 1 for the needs of part p_part only (private.in_part). Empty for an organisation the caller does not coordinate.';

-- As bookable_need_candidates: the invoker wrapper calls the definer as the person.
revoke all on function private.bookable_organisation_candidate_lists(uuid, integer, integer, integer),
  public.bookable_organisation_candidate_lists(uuid, integer, integer, integer)
  from public, anon;
grant execute on function
  private.bookable_organisation_candidate_lists(uuid, integer, integer, integer),
  public.bookable_organisation_candidate_lists(uuid, integer, integer, integer)
to authenticated, service_role;
