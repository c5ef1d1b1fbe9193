-- The report's triggers (migrations 20261128003600–3630) skip work for statements that change no
-- row: a statement-level trigger fires even when its transition table is empty, and each refresh
-- deletes and upserts facts whose own triggers then fired with nothing to fold — a few dozen
-- empty statements for every match written (about 50 ms per insert on a loaded machine; the
-- property test of the matching rules, which writes hundreds of matches, ran into its time-out).
--
-- Fix forward: REPLACES with `create or replace` the trigger functions of 20261128003610,
-- 20261128003620 and 20261128003630 on the fact and spell tables (same effect when rows
-- changed, nothing when none did), and makes the refresh functions of 20261128003600 and 3620
-- return at once for an empty list.

create or replace function private.report_match_facts_roll() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from old_rows) then
      perform private.report_roll_matches(array(select row(o.*)::private.report_match_facts from old_rows o), -1);
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from new_rows) then
      perform private.report_roll_matches(array(select row(n.*)::private.report_match_facts from new_rows n), 1);
    end if;
  end if;
  return null;
end
$$;

create or replace function private.report_need_facts_roll() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from old_rows) then
      perform private.report_roll_needs(array(select row(o.*)::private.report_need_facts from old_rows o), -1);
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from new_rows) then
      perform private.report_roll_needs(array(select row(n.*)::private.report_need_facts from new_rows n), 1);
    end if;
  end if;
  return null;
end
$$;

create or replace function private.report_hour_facts_roll() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from old_rows) then
      perform private.report_roll_hours(array(select row(o.*)::private.report_hour_facts from old_rows o), -1);
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from new_rows) then
      perform private.report_roll_hours(array(select row(n.*)::private.report_hour_facts from new_rows n), 1);
    end if;
  end if;
  return null;
end
$$;

create or replace function private.report_feedback_facts_roll() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from old_rows) then
      perform private.report_roll_feedback(array(select row(o.*)::private.report_feedback_facts from old_rows o), -1);
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from new_rows) then
      perform private.report_roll_feedback(array(select row(n.*)::private.report_feedback_facts from new_rows n), 1);
    end if;
  end if;
  return null;
end
$$;

create or replace function private.report_helper_spells_roll() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from old_rows) then
      perform private.report_roll_spells(array(select row(o.*)::private.report_helper_spells from old_rows o), -1);
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from new_rows) then
      perform private.report_roll_spells(array(select row(n.*)::private.report_helper_spells from new_rows n), 1);
    end if;
  end if;
  return null;
end
$$;

create or replace function private.report_match_facts_roll_orgs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from old_rows) then
      perform private.report_roll_org_matches(array(select row(o.*)::private.report_match_facts from old_rows o), -1);
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from new_rows) then
      perform private.report_roll_org_matches(array(select row(n.*)::private.report_match_facts from new_rows n), 1);
    end if;
  end if;
  return null;
end
$$;

create or replace function private.report_need_facts_roll_orgs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if exists (select 1 from old_rows) then
      perform private.report_roll_org_needs(array(select row(o.*)::private.report_need_facts from old_rows o), -1);
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if exists (select 1 from new_rows) then
      perform private.report_roll_org_needs(array(select row(n.*)::private.report_need_facts from new_rows n), 1);
    end if;
  end if;
  return null;
end
$$;

create or replace function private.report_refresh_hours(p_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  delete from private.report_hour_facts f
  where f.hour_log_id = any(p_ids)
    and not exists (select 1 from public.hour_logs h join public.matches m on m.id = h.match_id
                    where h.id = f.hour_log_id and h.status = 'confirmed');
  insert into private.report_hour_facts as f (hour_log_id, match_id, municipality_id, worked_on, hours,
                                              district_id, category, target_group)
  select h.id, h.match_id, h.municipality_id, h.worked_on, h.hours, n.district_id, n.category, n.target_group
  from public.hour_logs h
  join public.matches m on m.id = h.match_id
  join public.needs n on n.id = m.need_id
  where h.id = any(p_ids) and h.status = 'confirmed'
  on conflict (hour_log_id) do update
    set match_id = excluded.match_id, municipality_id = excluded.municipality_id, worked_on = excluded.worked_on,
        hours = excluded.hours, district_id = excluded.district_id, category = excluded.category,
        target_group = excluded.target_group
    where (f.match_id, f.municipality_id, f.worked_on, f.hours, f.district_id, f.category, f.target_group)
          is distinct from (excluded.match_id, excluded.municipality_id, excluded.worked_on, excluded.hours,
                            excluded.district_id, excluded.category, excluded.target_group);
end
$$;

create or replace function private.report_refresh_feedback(p_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  delete from private.report_feedback_facts f
  where f.feedback_id = any(p_ids)
    and not exists (select 1 from public.feedback b join public.matches m on m.id = b.match_id
                    where b.id = f.feedback_id);
  insert into private.report_feedback_facts as f (feedback_id, match_id, municipality_id, created_at,
                                                  perspective, rating, district_id, category, target_group)
  select b.id, b.match_id, m.municipality_id, b.created_at, b.perspective, b.rating,
         n.district_id, n.category, n.target_group
  from public.feedback b
  join public.matches m on m.id = b.match_id
  join public.needs n on n.id = m.need_id
  where b.id = any(p_ids)
  on conflict (feedback_id) do update
    set match_id = excluded.match_id, municipality_id = excluded.municipality_id, created_at = excluded.created_at,
        perspective = excluded.perspective, rating = excluded.rating, district_id = excluded.district_id,
        category = excluded.category, target_group = excluded.target_group
    where (f.match_id, f.municipality_id, f.created_at, f.perspective, f.rating, f.district_id, f.category,
           f.target_group)
          is distinct from (excluded.match_id, excluded.municipality_id, excluded.created_at, excluded.perspective,
                            excluded.rating, excluded.district_id, excluded.category, excluded.target_group);
end
$$;

create or replace function private.report_refresh_needs(p_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  delete from private.report_need_facts f
  where f.need_id = any(p_ids)
    and not exists (select 1 from private.need_town_roles t join public.needs n on n.id = t.need_id
                    where t.need_id = f.need_id and t.posted_at is not null);
  insert into private.report_need_facts as f (need_id, municipality_id, need_municipality_id, organisation_id,
                                              posted_at, district_id, category, target_group, role, co_produced,
                                              matched_at, open)
  select n.id, t.municipality_id, n.municipality_id, n.organisation_id, t.posted_at, n.district_id, n.category,
         n.target_group, t.role, t.co_produced,
         (select min(m.started_at) from private.report_match_facts m where m.need_id = n.id),
         n.status = 'open'
  from private.need_town_roles t
  join public.needs n on n.id = t.need_id
  where t.need_id = any(p_ids) and t.posted_at is not null
  on conflict (need_id) do update
    set municipality_id = excluded.municipality_id, need_municipality_id = excluded.need_municipality_id,
        organisation_id = excluded.organisation_id, posted_at = excluded.posted_at,
        district_id = excluded.district_id, category = excluded.category, target_group = excluded.target_group,
        role = excluded.role, co_produced = excluded.co_produced, matched_at = excluded.matched_at,
        open = excluded.open
    where (f.municipality_id, f.need_municipality_id, f.organisation_id, f.posted_at, f.district_id, f.category,
           f.target_group, f.role, f.co_produced, f.matched_at, f.open)
          is distinct from (excluded.municipality_id, excluded.need_municipality_id, excluded.organisation_id,
                            excluded.posted_at, excluded.district_id, excluded.category, excluded.target_group,
                            excluded.role, excluded.co_produced, excluded.matched_at, excluded.open);
end
$$;

create or replace function private.report_refresh_matches(p_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_helpers uuid[];
  v_needs uuid[];
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  select array_agg(distinct f.helper_id) filter (where f.helper_id is not null), array_agg(distinct f.need_id)
    into v_helpers, v_needs
  from private.report_match_facts f where f.match_id = any(p_ids);

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

  perform private.report_refresh_hours(array(
    select h.hour_log_id from private.report_hour_facts h where h.match_id = any(p_ids)
    union select h.id from public.hour_logs h where h.match_id = any(p_ids) and h.status = 'confirmed'));
  perform private.report_refresh_feedback(array(
    select b.feedback_id from private.report_feedback_facts b where b.match_id = any(p_ids)
    union select b.id from public.feedback b where b.match_id = any(p_ids)));
end
$$;

