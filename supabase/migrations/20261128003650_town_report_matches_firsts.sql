-- The town report's anonymous match rows (app.town_report_matches) mark a helper's first match
-- with the town as app.town_report_summary counts it: from the match facts' first_with_town
-- (migration 20261128003600), kept by the writing transactions, instead of ordering all the
-- town's matches with a role on every call. So a match whose helper deleted their account is
-- nobody's first (before, the earliest of all such matches was marked), as in 20261128003640.
--
-- Fix forward: this file REPLACES app.town_report_matches, landed in
-- 20261128003120_town_report.sql, with `create or replace` (same signature, checks and columns).

create or replace function app.town_report_matches(p_organisation uuid, p_from date, p_to date,
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
