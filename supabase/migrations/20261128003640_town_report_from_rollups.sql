-- The town's report, read from the rollups: app.town_report_summary reads the monthly rollups of
-- migrations 20261128003610 (matches, needs, hours, feedback), 3620 (helpers' spells) and 3630
-- (organisations, days to a match) instead of matches, needs, hour logs, feedback and the
-- ledger's summaries; its checks go through private.report_town and its definitions are those
-- of 20261128003120. app.town_report_matches gives the anonymous match rows.
--
-- A period of whole months (the report page asks for nothing else) is read from the rollups of
-- the filter's key: matches active in months [a, b] are those started by b less those ended
-- before a; a monthly need's committed hours are its hours times the months it runs within
-- [a, b]; needs, confirmed hours, feedback and first matches with the town are summed over the
-- period's months; distinct helpers and their offered hours come from their spells, nonprofits
-- from the organisations' months, the median from the whole-day counts and the one or two needs
-- at its rank. Only the needs open now are read one by one (few; partial index). So the time
-- grows with the months of the town's history, not with its helpers, matches or events.
--
-- Any other period (a day range inside a month, say) is computed from the base tables by
-- private.town_report_scan: one grouped pass per source, the months of a monthly need as plain
-- arithmetic, a helper's first match asked only for the matches of the period. The db tests
-- compare the two on every filter after random writes.
--
-- A match whose helper deleted their account (helper_id blanked) is nobody's first match with
-- the town, on both paths and in the match rows.
--
-- Both assume what every verb ensures: a match ends after it starts.

create function private.town_report_scan(p_town uuid, p_from date, p_to date, p_by text,
                                         p_district uuid, p_category public.need_category,
                                         p_target_group public.target_group)
returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  v_town uuid := p_town;
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
    where am.role is not null and am.started_at >= v_start and am.helper_id is not null
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


revoke execute on function private.town_report_scan(uuid, date, date, text, uuid, public.need_category, public.target_group) from public;
comment on function private.town_report_scan(uuid, date, date, text, uuid, public.need_category, public.target_group) is
  'The town''s report computed from the base tables (matches, needs, hour logs, feedback, the ledger''s summaries), for any period; app.town_report_summary calls it for periods that are not whole months, and the db tests compare it with the rollups. No check of the caller: call it only after private.report_town.';

-- The days from posting to a match of the need at 0-based rank p_rank (by those days) among the
-- needs of the town posted in [p_start, p_end) that pass the filter and were matched.
create function private.report_nth_days_to_match(p_town uuid, p_key text, p_fm date, p_tm date,
                                                 p_start timestamptz, p_end timestamptz, p_district uuid,
                                                 p_category public.need_category,
                                                 p_target_group public.target_group, p_rank bigint)
returns double precision
language sql stable set search_path = ''
as $$
  with buckets as (
    select r.whole_days, sum(r.n) as n
    from private.report_need_days r
    where r.municipality_id = p_town and r.key = p_key and r.month between p_fm and p_tm
    group by r.whole_days
  ),
  bucket as (
    select b.whole_days, p_rank - (sum(b.n) over (order by b.whole_days) - b.n) as offset_in
    from buckets b
  ),
  chosen as (
    select b.whole_days, b.offset_in from bucket b
    where b.offset_in >= 0 order by b.whole_days desc limit 1
  )
  select (
    select f.days_to_match::double precision
    from private.report_need_facts f
    where f.municipality_id = p_town and f.whole_days = c.whole_days and f.matched_at is not null
      and f.posted_at >= p_start and f.posted_at < p_end
      and (p_district is null or f.district_id = p_district)
      and (p_category is null or f.category = p_category)
      and (p_target_group is null or f.target_group = p_target_group)
    order by f.days_to_match
    offset c.offset_in limit 1)
  from chosen c
$$;
revoke execute on function private.report_nth_days_to_match(uuid, text, date, date, timestamptz, timestamptz, uuid,
  public.need_category, public.target_group, bigint) from public;

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
  v_fm date := date_trunc('month', p_from)::date;
  v_tm date := date_trunc('month', p_to)::date;
  v_months integer := private.months_between(p_from, p_to);
  v_key text := private.report_key(p_district, p_category, p_target_group);
  -- Months as integers (year × 12 + month): a monthly match's months in the period are plain
  -- arithmetic, no function call per row.
  v_fi integer := (extract(year from p_from) * 12 + extract(month from p_from))::int;
  v_ti integer := (extract(year from p_to) * 12 + extract(month from p_to))::int;
  v_total bigint;
  v_lo double precision;
  v_hi double precision;
  v_median numeric;
  v_result jsonb;
begin
  if p_from <> v_fm or p_to <> (v_tm + interval '1 month' - interval '1 day')::date then
    return private.town_report_scan(v_town, p_from, p_to, p_by, p_district, p_category, p_target_group);
  end if;

  -- The median days from posting to a match of the needs posted in the period, as
  -- percentile_cont(0.5) gives it: the ranks (n − 1) / 2 rounded down and up, found in the
  -- whole-day counts; the one or two needs at those ranks read from the facts.
  select coalesce(sum(r.n), 0) into v_total
  from private.report_need_days r
  where r.municipality_id = v_town and r.key = v_key and r.month between v_fm and v_tm;
  if v_total > 0 then
    v_lo := private.report_nth_days_to_match(v_town, v_key, v_fm, v_tm, v_start, v_end, p_district, p_category,
                                             p_target_group, (v_total - 1) / 2);
    if v_total % 2 = 0 then
      v_hi := private.report_nth_days_to_match(v_town, v_key, v_fm, v_tm, v_start, v_end, p_district, p_category,
                                               p_target_group, v_total / 2);
      v_lo := v_lo + (v_hi - v_lo) * 0.5::double precision;
    end if;
    v_median := round(v_lo::numeric, 1);
  end if;

  with
  -- The town's match months up to the period's last, under the filter's key (i: the month as an integer).
  mm as (
    select r.month, (extract(year from r.month) * 12 + extract(month from r.month))::int as i,
           r.role, r.started, r.ended, r.started_oneoff, r.ended_oneoff, r.started_monthly,
           r.ended_monthly, r.firsts
    from private.report_match_months r
    where r.municipality_id = v_town and r.key = v_key and r.month <= v_tm
  ),
  -- Per role: matches active in the period, their committed hours, first matches with the town.
  roles as (
    select mm.role,
           sum(mm.started) - coalesce(sum(mm.ended) filter (where mm.month < v_fm), 0) as n,
           sum(mm.started_oneoff) - coalesce(sum(mm.ended_oneoff) filter (where mm.month < v_fm), 0)
           + sum(mm.started_monthly * (v_ti - greatest(mm.i, v_fi) + 1))
           - coalesce(sum(mm.ended_monthly * (v_ti - greatest(mm.i + 1, v_fi) + 1))
                        filter (where mm.month < v_tm), 0) as committed,
           coalesce(sum(mm.firsts) filter (where mm.month >= v_fm), 0) as firsts
    from mm
    group by mm.role
  ),
  nm as (
    select r.month, r.posted, r.with_town, r.co_produced, r.matched
    from private.report_need_months r
    where r.municipality_id = v_town and r.key = v_key and r.month between v_fm and v_tm
  ),
  hm as (
    select r.month, r.hours
    from private.report_hour_months r
    where r.municipality_id = v_town and r.key = v_key and r.month between v_fm and v_tm
  ),
  -- Helpers active in the period (kind 'all') and with the town ('town'), plain and weighted by
  -- their offered hours a month: spells started by its last month, less those ended before its
  -- first, less the gaps between two spells of one helper that both meet it (20261128003620).
  spells as (
    select r.kind, sum(r.starts) - coalesce(sum(r.ends) filter (where r.month < v_fm), 0) as n,
           sum(r.start_weight) - coalesce(sum(r.end_weight) filter (where r.month < v_fm), 0) as weight
    from private.report_spell_months r
    where r.municipality_id = v_town and r.key = v_key and r.month <= v_tm
    group by r.kind
  ),
  gaps as (
    select g.kind, sum(g.n) as n, sum(g.weight) as weight
    from private.report_spell_gaps g
    where g.municipality_id = v_town and g.key = v_key and g.gap_from >= v_fm and g.gap_to <= v_tm
    group by g.kind
  ),
  helpers as (
    select coalesce((select s.n from spells s where s.kind = 'all'), 0)
           - coalesce((select g.n from gaps g where g.kind = 'all'), 0) as active,
           coalesce((select s.n from spells s where s.kind = 'town'), 0)
           - coalesce((select g.n from gaps g where g.kind = 'town'), 0) as with_town,
           (coalesce((select s.weight from spells s where s.kind = 'all'), 0)
            - coalesce((select g.weight from gaps g where g.kind = 'all'), 0)) * v_months as offered
  ),
  -- Organisations with a match active in the period or a need posted in it.
  orgs as (
    select r.organisation_id
    from private.report_org_months r
    where r.municipality_id = v_town and r.key = v_key and r.month <= v_tm
    group by r.organisation_id
    having sum(r.started) - coalesce(sum(r.ended) filter (where r.month < v_fm), 0) > 0
        or coalesce(sum(r.posted) filter (where r.month >= v_fm), 0) > 0
  ),
  buckets as (
    select b::date as bucket
    from generate_series(date_trunc(p_by, p_from::timestamp), p_to::timestamp,
                         case p_by when 'month' then interval '1 month' when 'quarter' then interval '3 months'
                                   else interval '1 year' end) b
  )
  select jsonb_build_object(
    'municipalityId', v_town,
    'from', p_from, 'to', p_to, 'by', p_by,
    'helpers', (select jsonb_build_object('active', h.active::int, 'withTown', h.with_town::int,
                                          'firstTime', coalesce((select sum(r.firsts) from roles r), 0)::int)
                from helpers h),
    'matchesByRole', (
      select jsonb_object_agg(k.role, coalesce(r.n, 0)::int order by k.ord)
      from (select x.r::text as role, x.ord
            from unnest(enum_range(null::public.involvement_role)) with ordinality as x(r, ord)
            union all select 'none', 99) k
      left join roles r on r.role = k.role),
    'needs', (
      select jsonb_build_object(
        'posted', coalesce(sum(nm.posted), 0)::int,
        'matched', coalesce(sum(nm.matched), 0)::int,
        'medianDaysToMatch', v_median,
        'withTown', coalesce(sum(nm.with_town), 0)::int,
        'coProduced', coalesce(sum(nm.co_produced), 0)::int)
      from nm),
    'openNeedsByAge', (
      select jsonb_build_object(
        'under7', count(*) filter (where a.days < 7)::int,
        'under30', count(*) filter (where a.days >= 7 and a.days < 30)::int,
        'under90', count(*) filter (where a.days >= 30 and a.days < 90)::int,
        'over90', count(*) filter (where a.days >= 90)::int)
      from (select extract(epoch from now() - f.posted_at) / 86400 as days
            from private.report_need_facts f
            where f.need_municipality_id = v_town and f.open and f.posted_at < v_end
              and (p_district is null or f.district_id = p_district)
              and (p_category is null or f.category = p_category)
              and (p_target_group is null or f.target_group = p_target_group)) a),
    'hours', (select jsonb_build_object(
                'offered', h.offered,
                'committed', coalesce((select sum(r.committed) from roles r), 0),
                'confirmed', coalesce((select sum(hm.hours) from hm), 0))
              from helpers h),
    'nonprofits', (
      select count(*)::int from orgs x
      join public.organisations o on o.id = x.organisation_id and o.kind = 'nonprofit'),
    'feedback', (
      select jsonb_object_agg(k.perspective, jsonb_build_object(
               'count', coalesce(c.n, 0),
               'average', round(c.rating_sum::numeric / nullif(c.n, 0), 2)) order by k.ord)
      from unnest(enum_range(null::public.feedback_perspective)) with ordinality as k(perspective, ord)
      left join (
        select r.perspective, sum(r.n)::int as n, sum(r.rating_sum) as rating_sum
        from private.report_feedback_months r
        where r.municipality_id = v_town and r.key = v_key and r.month between v_fm and v_tm
        group by r.perspective) c on c.perspective = k.perspective),
    'series', (
      select jsonb_agg(jsonb_build_object(
               'bucket', b.bucket,
               'needsPosted', coalesce((select sum(nm.posted) from nm
                                        where date_trunc(p_by, nm.month)::date = b.bucket), 0)::int,
               'matchesStarted', coalesce((select sum(mm.started) from mm
                                           where mm.month >= v_fm and date_trunc(p_by, mm.month)::date = b.bucket), 0)::int,
               'hoursConfirmed', coalesce((select sum(hm.hours) from hm
                                           where date_trunc(p_by, hm.month)::date = b.bucket), 0))
             order by b.bucket)
      from buckets b))
  into v_result;
  return v_result;
end
$$;
comment on function app.town_report_summary(uuid, date, date, text, uuid, public.need_category, public.target_group) is
  'The town''s report for a coordinator of its municipal office (not_allowed for anyone else, a period running backwards or over five years, an unknown grouping or a district of another town): helpers, matches by the town''s role, needs, hours, nonprofits, feedback and a series by month, quarter or year. Whole months from the rollups (migrations 20261128003610–3630), other periods from the base tables; definitions in 20261128003120.';
revoke execute on function app.town_report_summary(uuid, date, date, text, uuid, public.need_category, public.target_group) from public, anon;
grant execute on function app.town_report_summary(uuid, date, date, text, uuid, public.need_category, public.target_group) to authenticated, service_role;

-- Anonymous rows, one per match active in the period: no person, no place finer than the
-- district, no text anyone wrote, no id to link it with.
-- A helper's first match with the town is marked from the match facts' first_with_town
-- (20261128003600), as app.town_report_summary counts it.
create function app.town_report_matches(p_organisation uuid, p_from date, p_to date,
                                        p_district uuid default null,
                                        p_category public.need_category default null,
                                        p_target_group public.target_group default null)
returns table (category public.need_category, target_group public.target_group, district text,
               organisation_kind public.organisation_kind, town_role public.involvement_role,
               status public.match_status, started_month text, ended_month text,
               days_posting_to_start numeric, hours_committed numeric, hours_confirmed numeric,
               first_with_town boolean)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_town uuid := private.report_town(p_organisation, p_from, p_to, 'month', p_district);
  v_start timestamptz := p_from::timestamp at time zone 'Europe/Berlin';
  v_end timestamptz := (p_to + 1)::timestamp at time zone 'Europe/Berlin';
begin
  return query
  with firsts as (
    select f.match_id as id
    from private.report_match_facts f
    where f.municipality_id = v_town and f.first_with_town
  )
  select m.category, m.target_group, d.name, o.kind, m.role, m.status,
         to_char(m.started_at at time zone 'Europe/Berlin', 'YYYY-MM'),
         to_char(m.ended_at at time zone 'Europe/Berlin', 'YYYY-MM'),
         round((extract(epoch from m.started_at - t.posted_at) / 86400)::numeric, 1),
         case when m.cadence = 'monthly'
              then m.hours * private.months_between(
                     greatest(date_trunc('month', m.started_at at time zone 'Europe/Berlin')::date, p_from),
                     least(coalesce((m.ended_at at time zone 'Europe/Berlin')::date, p_to), p_to))
              else m.hours end,
         coalesce((select sum(h.hours) from public.hour_logs h
                   where h.match_id = m.id and h.status = 'confirmed' and h.worked_on between p_from and p_to), 0),
         m.id in (select f.id from firsts f)
  from private.report_matches m
  join public.organisations o on o.id = m.organisation_id
  left join public.districts d on d.id = m.district_id
  left join private.need_town_roles t on t.need_id = m.need_id
  where m.municipality_id = v_town and m.started_at is not null
    and m.started_at < v_end and (m.ended_at is null or m.ended_at >= v_start)
    and (p_district is null or m.district_id = p_district)
    and (p_category is null or m.category = p_category)
    and (p_target_group is null or m.target_group = p_target_group)
  order by m.started_at, m.category, m.target_group;
end
$$;
comment on function app.town_report_matches(uuid, date, date, uuid, public.need_category, public.target_group) is
  'One anonymous row per match of the town active in the period (category, target group, district, kind of organisation, the town''s role, status, months started and ended, days from posting, hours committed and confirmed, whether it was the helper''s first with the town), for the same callers and checks as app.town_report_summary (private.report_town).';
revoke execute on function app.town_report_matches(uuid, date, date, uuid, public.need_category, public.target_group) from public, anon;
grant execute on function app.town_report_matches(uuid, date, date, uuid, public.need_category, public.target_group) to authenticated, service_role;
