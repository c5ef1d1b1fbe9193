-- The report's match facts skip what cannot change them. Every write to a match ran
-- report_refresh_matches (20261128003600) in full, three times for a proposal (the match, its two
-- town-role rows): the facts, then each helper's first match with the town and each need's first
-- start recomputed, though a match that has not started has no fact and changes none of them.
-- That was about 5 of a proposal's 13.5 ms in the batch bench's town (PostgreSQL 15, 200
-- proposals, track_functions): sends of 2 000 proposals spend it 2 000 times. Now a refresh of
-- matches with no fact that have not started refreshes only their hour logs and feedback.
-- tests/db/reports/rollups.test.ts checks the facts, rollups and report after every kind of write.

create or replace function private.report_refresh_matches(p_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_helpers uuid[];
  v_needs uuid[];
  v_started boolean;
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  select array_agg(distinct f.helper_id) filter (where f.helper_id is not null), array_agg(distinct f.need_id)
    into v_helpers, v_needs
  from private.report_match_facts f where f.match_id = any(p_ids);
  -- Matches that had no fact (v_needs null) and have not started now get none, and nothing that
  -- depends on the facts changes (a helper's first match with the town, a need's first start):
  -- a proposal, a request, their refusal or withdrawal end here, after their hour logs and
  -- feedback (read from the base rows, as always).
  v_started := v_needs is not null
    or exists (select 1 from private.report_matches m where m.id = any(p_ids) and m.started_at is not null);
  if v_started then
    delete from private.report_match_facts f
    where f.match_id = any(p_ids)
      and not exists (select 1 from private.report_matches m where m.id = f.match_id and m.started_at is not null);
    insert into private.report_match_facts as f (match_id, municipality_id, helper_id, need_id, organisation_id,
                                                 started_at, ended_at, district_id, category, target_group, monthly,
                                                 hours, role)
    select m.id, m.municipality_id, m.helper_id, m.need_id, m.organisation_id, m.started_at, m.ended_at,
           m.district_id, m.category, m.target_group, m.cadence = 'monthly', m.hours, m.role
    from private.report_matches m
    where m.id = any(p_ids) and m.started_at is not null
    on conflict (match_id) do update
      set municipality_id = excluded.municipality_id, helper_id = excluded.helper_id, need_id = excluded.need_id,
          organisation_id = excluded.organisation_id, started_at = excluded.started_at, ended_at = excluded.ended_at,
          district_id = excluded.district_id, category = excluded.category, target_group = excluded.target_group,
          monthly = excluded.monthly, hours = excluded.hours, role = excluded.role,
          -- Kept while the helper, town and role stay; report_refresh_firsts below decides.
          first_with_town = f.first_with_town and excluded.role is not null
                            and excluded.helper_id is not distinct from f.helper_id
                            and excluded.municipality_id = f.municipality_id
      where (f.municipality_id, f.helper_id, f.need_id, f.organisation_id, f.started_at, f.ended_at, f.district_id,
             f.category, f.target_group, f.monthly, f.hours, f.role)
            is distinct from (excluded.municipality_id, excluded.helper_id, excluded.need_id, excluded.organisation_id,
                              excluded.started_at, excluded.ended_at, excluded.district_id, excluded.category,
                              excluded.target_group, excluded.monthly, excluded.hours, excluded.role);

    select array_agg(distinct x) filter (where x is not null) into v_helpers
    from (select unnest(v_helpers) as x
          union all select m.helper_id from public.matches m where m.id = any(p_ids)) h;
    if v_helpers is not null then
      perform private.report_refresh_firsts(v_helpers);
    end if;

    select array_agg(distinct x) filter (where x is not null) into v_needs
    from (select unnest(v_needs) as x
          union all select m.need_id from public.matches m where m.id = any(p_ids)) n;
    if v_needs is not null then
      perform private.report_refresh_needs(v_needs);
    end if;
  end if;

  perform private.report_refresh_hours(array(
    select h.hour_log_id from private.report_hour_facts h where h.match_id = any(p_ids)
    union select h.id from public.hour_logs h where h.match_id = any(p_ids) and h.status = 'confirmed'));
  perform private.report_refresh_feedback(array(
    select b.feedback_id from private.report_feedback_facts b where b.match_id = any(p_ids)
    union select b.id from public.feedback b where b.match_id = any(p_ids)));
end
$$;
