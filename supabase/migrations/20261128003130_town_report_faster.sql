-- The town's report, faster: app.town_report (20261128003120) read each bucket of the series
-- by scanning the period's rows again, called a SQL function with its own search_path per match
-- (never inlined), and found each helper's first match with the town over the town's whole
-- history. Here the series is one grouped pass per source, the months of a monthly need are
-- plain arithmetic, and a helper's first match is asked only for the matches of the period (the
-- index on matches (helper_id, status) answers it). Same figures, same definitions and checks
-- (20261128003120); app.town_report goes, so there is one report function.

drop function app.town_report(uuid, date, date, text, uuid, public.need_category, public.target_group);

create index matches_helper_started_idx on public.matches (helper_id, municipality_id, activated_at);

create function app.town_report_summary(p_organisation uuid, p_from date, p_to date, p_by text,
                                p_district uuid default null,
                                p_category public.need_category default null,
                                p_target_group public.target_group default null)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_town uuid := private.report_town(p_organisation, p_from, p_to, p_by, p_district);
  v_start timestamptz := p_from::timestamp at time zone 'Europe/Berlin';
  v_end timestamptz := (p_to + 1)::timestamp at time zone 'Europe/Berlin';
  v_months integer := ((extract(year from p_to) - extract(year from p_from)) * 12
                        + extract(month from p_to) - extract(month from p_from) + 1)::int;
  v_step interval := case p_by when 'month' then interval '1 month' when 'quarter' then interval '3 months'
                               else interval '1 year' end;
  v_result jsonb;
begin
  with
  -- Matches active in the period, with their need passing the filters.
  am as (
    select m.id, m.helper_id, m.need_id, m.organisation_id, m.started_at, m.role,
           case when m.started_at >= v_start
                then date_trunc(p_by, m.started_at at time zone 'Europe/Berlin')::date end as bucket,
           case when m.cadence = 'monthly'
                then m.hours * ((extract(year from x.e) - extract(year from x.s)) * 12
                                + extract(month from x.e) - extract(month from x.s) + 1)
                else m.hours end as committed
    from private.report_matches m
    cross join lateral (
      select greatest(date_trunc('month', m.started_at at time zone 'Europe/Berlin')::date, p_from) as s,
             least(coalesce((m.ended_at at time zone 'Europe/Berlin')::date, p_to), p_to) as e) x
    where m.municipality_id = v_town and m.started_at is not null
      and m.started_at < v_end and (m.ended_at is null or m.ended_at >= v_start)
      and (p_district is null or m.district_id = p_district)
      and (p_category is null or m.category = p_category)
      and (p_target_group is null or m.target_group = p_target_group)
  ),
  -- Helpers whose first match with the town started in the period and passes the filters: a
  -- match of theirs here, with the town, started in the period, and none with the town before it.
  firsts as (
    select distinct am.helper_id
    from am
    where am.role is not null and am.started_at >= v_start
      and not exists (select 1 from private.report_matches o
                      where o.helper_id = am.helper_id and o.municipality_id = v_town and o.role is not null
                        and (o.started_at < am.started_at or (o.started_at = am.started_at and o.id < am.id)))
  ),
  -- Needs posted in the period, with their first activation (if any).
  posted as (
    select n.id, n.organisation_id, t.posted_at, t.role, t.co_produced,
           date_trunc(p_by, t.posted_at at time zone 'Europe/Berlin')::date as bucket,
           (select min(m.started_at) from private.report_matches m where m.need_id = n.id) as matched_at
    from private.need_town_roles t
    join public.needs n on n.id = t.need_id
    where t.municipality_id = v_town and t.posted_at >= v_start and t.posted_at < v_end
      and (p_district is null or n.district_id = p_district)
      and (p_category is null or n.category = p_category)
      and (p_target_group is null or n.target_group = p_target_group)
  ),
  confirmed as (
    select date_trunc(p_by, h.worked_on)::date as bucket, h.hours
    from public.hour_logs h
    join public.matches m on m.id = h.match_id
    join public.needs n on n.id = m.need_id
    where h.municipality_id = v_town and h.status = 'confirmed' and h.worked_on between p_from and p_to
      and (p_district is null or n.district_id = p_district)
      and (p_category is null or n.category = p_category)
      and (p_target_group is null or n.target_group = p_target_group)
  ),
  helpers as (
    select count(distinct am.helper_id)::int as active,
           count(distinct am.helper_id) filter (where am.role is not null)::int as with_town,
           (select count(*)::int from firsts) as first_time
    from am
  ),
  hours as (
    select coalesce((select sum(o.hours_per_month) * v_months from public.offers o
                     where o.helper_id in (select am.helper_id from am)), 0) as offered,
           coalesce((select sum(am.committed) from am), 0) as committed,
           coalesce((select sum(c.hours) from confirmed c), 0) as confirmed
  ),
  posted_by as (select p.bucket, count(*)::int as n from posted p group by p.bucket),
  started_by as (select am.bucket, count(*)::int as n from am where am.bucket is not null group by am.bucket),
  confirmed_by as (select c.bucket, sum(c.hours) as hours from confirmed c group by c.bucket),
  buckets as (
    select b::date as bucket
    from generate_series(date_trunc(p_by, p_from::timestamp), p_to::timestamp, v_step) b
  )
  select jsonb_build_object(
    'municipalityId', v_town,
    'from', p_from, 'to', p_to, 'by', p_by,
    'helpers', (select jsonb_build_object('active', h.active, 'withTown', h.with_town, 'firstTime', h.first_time)
                from helpers h),
    'matchesByRole', (
      select jsonb_object_agg(k.role, coalesce(c.n, 0) order by k.ord)
      from (select r::text as role, ord from unnest(enum_range(null::public.involvement_role)) with ordinality as x(r, ord)
            union all select 'none', 99) k
      left join (select coalesce(am.role::text, 'none') as role, count(*)::int as n from am group by 1) c on c.role = k.role),
    'needs', (
      select jsonb_build_object(
        'posted', count(*)::int,
        'matched', count(*) filter (where p.matched_at is not null)::int,
        'medianDaysToMatch', round((percentile_cont(0.5) within group (
                               order by extract(epoch from p.matched_at - p.posted_at) / 86400)
                             filter (where p.matched_at is not null))::numeric, 1),
        'withTown', count(*) filter (where p.role is not null)::int,
        'coProduced', count(*) filter (where p.co_produced)::int)
      from posted p),
    'openNeedsByAge', (
      select jsonb_build_object(
        'under7', count(*) filter (where a.days < 7)::int,
        'under30', count(*) filter (where a.days >= 7 and a.days < 30)::int,
        'under90', count(*) filter (where a.days >= 30 and a.days < 90)::int,
        'over90', count(*) filter (where a.days >= 90)::int)
      from (select extract(epoch from now() - t.posted_at) / 86400 as days
            from public.needs n
            join private.need_town_roles t on t.need_id = n.id
            where n.municipality_id = v_town and n.status = 'open' and t.posted_at < v_end
              and (p_district is null or n.district_id = p_district)
              and (p_category is null or n.category = p_category)
              and (p_target_group is null or n.target_group = p_target_group)) a),
    'hours', (select jsonb_build_object('offered', h.offered, 'committed', h.committed, 'confirmed', h.confirmed)
              from hours h),
    'nonprofits', (
      select count(distinct x.organisation_id)::int
      from (select am.organisation_id from am union select p.organisation_id from posted p) x
      join public.organisations o on o.id = x.organisation_id and o.kind = 'nonprofit'),
    'feedback', (
      select jsonb_object_agg(k.perspective, jsonb_build_object('count', coalesce(c.n, 0), 'average', c.average)
                              order by k.ord)
      from unnest(enum_range(null::public.feedback_perspective)) with ordinality as k(perspective, ord)
      left join (
        select f.perspective, count(*)::int as n, round(avg(f.rating), 2) as average
        from public.feedback f
        join public.matches m on m.id = f.match_id
        join public.needs n on n.id = m.need_id
        where m.municipality_id = v_town and f.created_at >= v_start and f.created_at < v_end
          and (p_district is null or n.district_id = p_district)
          and (p_category is null or n.category = p_category)
          and (p_target_group is null or n.target_group = p_target_group)
        group by f.perspective) c on c.perspective = k.perspective),
    'series', (
      select jsonb_agg(jsonb_build_object(
               'bucket', b.bucket,
               'needsPosted', coalesce((select c.n from posted_by c where c.bucket = b.bucket), 0),
               'matchesStarted', coalesce((select c.n from started_by c where c.bucket = b.bucket), 0),
               'hoursConfirmed', coalesce((select c.hours from confirmed_by c where c.bucket = b.bucket), 0))
             order by b.bucket)
      from buckets b))
  into v_result;
  return v_result;
end
$$;

comment on function app.town_report_summary(uuid, date, date, text, uuid, public.need_category, public.target_group) is
  'The town''s report for a coordinator of its municipal office (not_allowed for anyone else, a period running backwards or over five years, an unknown grouping or a district of another town): helpers, matches by the town''s role, needs, hours, nonprofits, feedback and a series by month, quarter or year. Definitions in the migration 20261128003120.';
revoke execute on function app.town_report_summary(uuid, date, date, text, uuid, public.need_category, public.target_group) from public, anon;
grant execute on function app.town_report_summary(uuid, date, date, text, uuid, public.need_category, public.target_group) to authenticated, service_role;
