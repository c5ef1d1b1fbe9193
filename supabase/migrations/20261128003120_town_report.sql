-- The town's report for its municipal coordinators: who helps and how many of them worked with
-- the town (set against the study's 1 in 10), matches by the town's role, needs posted and
-- matched, hours offered, committed and confirmed, nonprofits taking part, feedback. For a
-- period of whole days (at most five years) and the filters district, category, target group.
--
-- Definitions (all in Europe/Berlin, the period [from, to] both days included):
--   match active in the period: activated before the period ends and not ended before it starts;
--   started: activated (see private.report_matches for rows without activated_at);
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
-- from the whole ledger. This file holds the definitions, the caller check and what they share;
-- the report's functions (app.town_report_summary, app.town_report_matches) read the facts and
-- rollups and follow them (20261128003640).

create index hour_logs_confirmed_idx on public.hour_logs (municipality_id, worked_on)
  where status = 'confirmed';
create index needs_open_posted_idx on public.needs (municipality_id) where status = 'open';
create index feedback_match_idx on public.feedback (match_id);
-- A helper's first match with the town, asked for the matches of the period only.
create index matches_helper_started_idx on public.matches (helper_id, municipality_id, activated_at);

-- Each match with what the report asks of it: when it started (activated; an active or completed
-- row without activated_at, as a bulk import may write it: when both sides, or the town, last said
-- yes), its need's filter columns and the town's derived role. A plain view: the planner reads
-- through it.
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
