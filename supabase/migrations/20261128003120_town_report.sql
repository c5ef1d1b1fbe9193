-- The town's report for its municipal coordinators: who helps and how many of them worked with
-- the town (set against the study's 1 in 10), matches by the town's role, needs posted and
-- matched, hours offered, committed and confirmed, nonprofits taking part, feedback. For a
-- period of whole days (at most five years) and the filters district, category, target group.
--
-- Definitions (all in Europe/Berlin, the period [from, to] both days included):
--   match active in the period: activated before the period ends and not ended before it starts;
--   started: activated (see private.report_matches for rows older than activated_at);
--   helpers active: distinct helpers of such matches; with the town: of a match with any town
--     role; first time: their first match with the town (public.helper_first_town_match) was
--     activated in the period (and passes the filters);
--   needs posted: need_posted in the period; matched: of those, with a match activated since;
--     days to a match: from posting to the first activation; open needs: open now, posted before
--     the period ends, by days since posting;
--   hours offered: the active helpers' monthly hours × months of the period; committed: each
--     active match's need hours (a monthly need: × its months active within the period);
--     confirmed: confirmed hour logs worked in the period;
--   nonprofits: nonprofits with a need posted or a match active in the period.
-- Everything is read from the summary tables and indexes kept by the writing transactions, never
-- from the whole ledger.

create index hour_logs_confirmed_idx on public.hour_logs (municipality_id, worked_on)
  where status = 'confirmed';
create index needs_open_posted_idx on public.needs (municipality_id) where status = 'open';
create index feedback_match_idx on public.feedback (match_id);

-- Each match with what the report asks of it: when it started (activated; rows written before
-- activated_at existed: when both sides, or the town, last said yes), its need's filter columns
-- and the town's derived role. A plain view: the planner reads through it.
create view private.report_matches as
  select m.id, m.helper_id, m.need_id, m.organisation_id, m.municipality_id, m.status, m.ended_at,
         coalesce(m.activated_at,
                  case when m.status in ('active', 'completed')
                       then coalesce(m.approved_at, greatest(m.helper_accepted_at, m.organisation_accepted_at),
                                     m.created_at) end) as started_at,
         n.category, n.target_group, n.district_id, n.cadence, n.hours, r.role
  from public.matches m
  join public.needs n on n.id = m.need_id
  left join private.match_town_roles r on r.match_id = m.id;
comment on view private.report_matches is
  'Matches as the town''s report reads them: started_at, the need''s category, target group, district, cadence and hours, the town''s derived role.';

-- The town a report may be read for: the caller coordinates this municipal office, the period
-- runs forward for at most five years, the grouping is known and the district is the town's.
create function private.report_town(p_organisation uuid, p_from date, p_to date, p_by text, p_district uuid)
returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_town uuid;
begin
  select o.municipality_id into v_town
  from public.organisations o
  where o.id = p_organisation and o.kind = 'municipal'
    and o.id in (select private.coordinated_organisation_ids());
  if v_town is null
     or p_from is null or p_to is null or p_to < p_from or p_to >= p_from + interval '5 years'
     or p_by is null or p_by not in ('month', 'quarter', 'year')
     or (p_district is not null and not exists (
           select 1 from public.districts d where d.id = p_district and d.municipality_id = v_town)) then
    perform private.fail('not_allowed');
  end if;
  return v_town;
end
$$;
comment on function private.report_town(uuid, date, date, text, uuid) is
  'The municipality of a municipal office the caller coordinates, after checking the report''s period (forward, under five years), grouping and district; not_allowed otherwise.';
revoke execute on function private.report_town(uuid, date, date, text, uuid) from public;

-- Months of [a, b] (first days of months), both included.
create function private.months_between(p_a date, p_b date) returns integer
language sql immutable set search_path = ''
as $$
  select ((extract(year from p_b) - extract(year from p_a)) * 12
          + extract(month from p_b) - extract(month from p_a))::int + 1
$$;
comment on function private.months_between(date, date) is 'Calendar months from the month of the first day to that of the second, both counted.';
revoke execute on function private.months_between(date, date) from public;

create function app.town_report(p_organisation uuid, p_from date, p_to date, p_by text,
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
  v_months integer := private.months_between(p_from, p_to);
  v_step interval := case p_by when 'month' then interval '1 month' when 'quarter' then interval '3 months'
                               else interval '1 year' end;
  v_result jsonb;
begin
  with
  -- Matches active in the period, with their need passing the filters.
  am as (
    select m.id, m.helper_id, m.need_id, m.organisation_id, m.started_at as activated_at, m.role,
           case when m.cadence = 'monthly'
                then m.hours * private.months_between(
                       greatest(date_trunc('month', m.started_at at time zone 'Europe/Berlin')::date, p_from),
                       least(coalesce((m.ended_at at time zone 'Europe/Berlin')::date, p_to), p_to))
                else m.hours end as committed
    from private.report_matches m
    where m.municipality_id = v_town and m.started_at is not null
      and m.started_at < v_end and (m.ended_at is null or m.ended_at >= v_start)
      and (p_district is null or m.district_id = p_district)
      and (p_category is null or m.category = p_category)
      and (p_target_group is null or m.target_group = p_target_group)
  ),
  -- Each helper's first match with the town (any time), where it was activated in the period.
  firsts as (
    select f.helper_id
    from (select distinct on (m.helper_id) m.helper_id, m.started_at, m.district_id, m.category, m.target_group
          from private.report_matches m
          where m.municipality_id = v_town and m.started_at is not null and m.role is not null
          order by m.helper_id, m.started_at, m.id) f
    where f.started_at >= v_start and f.started_at < v_end
      and (p_district is null or f.district_id = p_district)
      and (p_category is null or f.category = p_category)
      and (p_target_group is null or f.target_group = p_target_group)
  ),
  -- Needs posted in the period, with their first activation (if any).
  posted as (
    select n.id, n.organisation_id, t.posted_at, t.role, t.co_produced,
           (select min(m.started_at) from private.report_matches m where m.need_id = n.id) as matched_at
    from private.need_town_roles t
    join public.needs n on n.id = t.need_id
    where t.municipality_id = v_town and t.posted_at >= v_start and t.posted_at < v_end
      and (p_district is null or n.district_id = p_district)
      and (p_category is null or n.category = p_category)
      and (p_target_group is null or n.target_group = p_target_group)
  ),
  confirmed as (
    select h.worked_on, h.hours
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
               'needsPosted', (select count(*)::int from posted p
                               where p.posted_at >= greatest(b.bucket::timestamp at time zone 'Europe/Berlin', v_start)
                                 and p.posted_at < (b.bucket + v_step)::timestamp at time zone 'Europe/Berlin'),
               'matchesStarted', (select count(*)::int from am
                                  where am.activated_at >= greatest(b.bucket::timestamp at time zone 'Europe/Berlin', v_start)
                                    and am.activated_at < (b.bucket + v_step)::timestamp at time zone 'Europe/Berlin'),
               'hoursConfirmed', (select coalesce(sum(c.hours), 0) from confirmed c
                                  where c.worked_on >= b.bucket and c.worked_on < (b.bucket + v_step)::date))
             order by b.bucket)
      from buckets b))
  into v_result;
  return v_result;
end
$$;
comment on function app.town_report(uuid, date, date, text, uuid, public.need_category, public.target_group) is
  'The town''s report for a coordinator of its municipal office (not_allowed for anyone else, a period running backwards or over five years, an unknown grouping or a district of another town): helpers, matches by the town''s role, needs, hours, nonprofits, feedback and a series by month, quarter or year. Definitions in the migration 20261128003120.';
revoke execute on function app.town_report(uuid, date, date, text, uuid, public.need_category, public.target_group) from public, anon;
grant execute on function app.town_report(uuid, date, date, text, uuid, public.need_category, public.target_group) to authenticated, service_role;

-- Anonymous rows, one per match active in the period: no person, no place finer than the
-- district, no text anyone wrote, no id to link it with.
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
    select distinct on (m.helper_id) m.id
    from private.report_matches m
    where m.municipality_id = v_town and m.started_at is not null and m.role is not null
    order by m.helper_id, m.started_at, m.id
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
  'One anonymous row per match of the town active in the period (category, target group, district, kind of organisation, the town''s role, status, months started and ended, days from posting, hours committed and confirmed, whether it was the helper''s first with the town), for the same callers and checks as app.town_report.';
revoke execute on function app.town_report_matches(uuid, date, date, uuid, public.need_category, public.target_group) from public, anon;
grant execute on function app.town_report_matches(uuid, date, date, uuid, public.need_category, public.target_group) to authenticated, service_role;
