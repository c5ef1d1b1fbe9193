-- The town's report: fact rows. One compact row per started match, per posted need,
-- per confirmed hour log and per feedback, holding exactly what the report asks of it (the
-- town, the need's district, category and target group, the town's derived role, the times),
-- so the report never joins matches, needs, the ledger's summaries, hour logs and feedback again.
--
-- They are kept right by the SAME transactions that write the base rows: statement-level
-- triggers (with transition tables, so a bulk insert costs one pass) on public.matches,
-- public.needs, public.hour_logs, public.feedback, private.match_town_roles and
-- private.need_town_roles recompute the facts of the rows they touched from the base tables
-- ("refresh": insert, update or delete the fact so it equals what the base rows say). A fact
-- depending on other rows is refreshed when those change: a match's fact when its need or its
-- role changes, a need's first activation when one of its matches changes, an hour log's or a
-- feedback's filter columns when its match or need changes, and a helper's first match with the
-- town whenever one of their matches changes.
--
-- Definitions as the report's (migration 20261128003120): a match's start is its activation (a
-- row without activated_at, as a bulk import may write: when both sides, or the town, last said
-- yes); a need is posted at its need_posted event. A person's deletion blanks their id in the
-- match: the match stays, and no longer counts as anybody's first match with the town.
--
-- The rollups built from these facts: migrations 20261128003610, 3620, 3630; the report reads
-- them in 3640.

create table private.report_match_facts (
  match_id uuid primary key,
  municipality_id uuid not null,
  helper_id uuid,
  need_id uuid not null,
  organisation_id uuid not null,
  started_at timestamptz not null,
  ended_at timestamptz,
  -- ended_at, or infinity while it runs: the index for "active since".
  until timestamptz generated always as (coalesce(ended_at, 'infinity'::timestamptz)) stored,
  district_id uuid,
  category public.need_category not null,
  target_group public.target_group not null,
  monthly boolean not null,
  hours numeric not null,
  role public.involvement_role,
  -- The helper's first started match (by start, then id) in which the town took part.
  first_with_town boolean not null default false
);
create index report_match_facts_until_idx on private.report_match_facts (municipality_id, until)
  include (started_at, helper_id, organisation_id, role, district_id, category, target_group);
create index report_match_facts_helper_idx on private.report_match_facts (helper_id, municipality_id);
create index report_match_facts_need_idx on private.report_match_facts (need_id);
alter table private.report_match_facts enable row level security;
comment on table private.report_match_facts is
  'One row per started match, as the town''s report reads it (start, end, the need''s filter columns, cadence and hours, the town''s role, whether it is the helper''s first with the town); kept by triggers in the writing transactions.';

create table private.report_need_facts (
  need_id uuid primary key,
  -- The town of the need's ledger events (private.need_town_roles), which the report counts by.
  municipality_id uuid not null,
  -- The need's own town, by which open needs are counted.
  need_municipality_id uuid not null,
  organisation_id uuid not null,
  posted_at timestamptz not null,
  district_id uuid,
  category public.need_category not null,
  target_group public.target_group not null,
  role public.involvement_role,
  co_produced boolean not null,
  -- The first start of any of its matches.
  matched_at timestamptz,
  open boolean not null,
  -- Days from posting to the first match, for the median (20261128003630).
  days_to_match numeric generated always as (extract(epoch from matched_at - posted_at) / 86400) stored,
  whole_days integer generated always as (floor(extract(epoch from matched_at - posted_at) / 86400)::int) stored
);
create index report_need_facts_posted_idx on private.report_need_facts (municipality_id, posted_at);
create index report_need_facts_days_idx on private.report_need_facts (municipality_id, whole_days, days_to_match)
  where matched_at is not null;
create index report_need_facts_open_idx on private.report_need_facts (need_municipality_id, posted_at) where open;
alter table private.report_need_facts enable row level security;
comment on table private.report_need_facts is
  'One row per posted need, as the town''s report reads it (posted at, the filter columns, the town''s role, co-produced, first match start, open); kept by triggers in the writing transactions.';

create table private.report_hour_facts (
  hour_log_id uuid primary key,
  match_id uuid not null,
  municipality_id uuid not null,
  worked_on date not null,
  hours numeric not null,
  district_id uuid,
  category public.need_category not null,
  target_group public.target_group not null
);
create index report_hour_facts_match_idx on private.report_hour_facts (match_id);
alter table private.report_hour_facts enable row level security;
comment on table private.report_hour_facts is
  'One row per confirmed hour log with its need''s filter columns, for the town''s report; kept by triggers in the writing transactions.';

create table private.report_feedback_facts (
  feedback_id uuid primary key,
  match_id uuid not null,
  municipality_id uuid not null,
  created_at timestamptz not null,
  perspective public.feedback_perspective not null,
  rating integer not null,
  district_id uuid,
  category public.need_category not null,
  target_group public.target_group not null
);
create index report_feedback_facts_match_idx on private.report_feedback_facts (match_id);
alter table private.report_feedback_facts enable row level security;
comment on table private.report_feedback_facts is
  'One row per feedback with its match''s town and its need''s filter columns, for the town''s report; kept by triggers in the writing transactions.';

-- ---------------------------------------------------------------------------------------------
-- Refresh: make the facts of the given ids equal to what the base tables say
-- ---------------------------------------------------------------------------------------------

-- Each helper's first match with the town, for the given helpers.
create function private.report_refresh_firsts(p_helpers uuid[]) returns void
language sql security definer set search_path = ''
as $$
  with firsts as (
    select distinct on (f.helper_id, f.municipality_id) f.match_id
    from private.report_match_facts f
    where f.helper_id = any(p_helpers) and f.role is not null
    order by f.helper_id, f.municipality_id, f.started_at, f.match_id
  )
  update private.report_match_facts f
     set first_with_town = f.match_id in (select x.match_id from firsts x)
   where f.helper_id = any(p_helpers)
     and f.first_with_town is distinct from (f.match_id in (select x.match_id from firsts x));
$$;
revoke execute on function private.report_refresh_firsts(uuid[]) from public;

create function private.report_refresh_hours(p_ids uuid[]) returns void
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
revoke execute on function private.report_refresh_hours(uuid[]) from public;

create function private.report_refresh_feedback(p_ids uuid[]) returns void
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
revoke execute on function private.report_refresh_feedback(uuid[]) from public;

create function private.report_refresh_needs(p_ids uuid[]) returns void
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
revoke execute on function private.report_refresh_needs(uuid[]) from public;

-- The matches' facts, then what depends on them: their helpers' first matches with the town,
-- their needs' first activation, their hour logs' and feedback's filter columns.
create function private.report_refresh_matches(p_ids uuid[]) returns void
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
revoke execute on function private.report_refresh_matches(uuid[]) from public;

-- ---------------------------------------------------------------------------------------------
-- Triggers on the writing tables: one refresh per statement
-- ---------------------------------------------------------------------------------------------
create function private.report_matches_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.report_refresh_matches(array(select r.id from new_rows r));
  elsif tg_op = 'UPDATE' then
    perform private.report_refresh_matches(array(select r.id from new_rows r union select r.id from old_rows r));
  else
    perform private.report_refresh_matches(array(select r.id from old_rows r));
  end if;
  return null;
end
$$;
revoke execute on function private.report_matches_changed() from public;
create trigger matches_report_insert after insert on public.matches
  referencing new table as new_rows for each statement execute function private.report_matches_changed();
create trigger matches_report_update after update on public.matches
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_matches_changed();
create trigger matches_report_delete after delete on public.matches
  referencing old table as old_rows for each statement execute function private.report_matches_changed();

create function private.report_match_roles_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.report_refresh_matches(array(select r.match_id from new_rows r));
  elsif tg_op = 'UPDATE' then
    perform private.report_refresh_matches(array(
      select r.match_id from new_rows r union select r.match_id from old_rows r));
  else
    perform private.report_refresh_matches(array(select r.match_id from old_rows r));
  end if;
  return null;
end
$$;
revoke execute on function private.report_match_roles_changed() from public;
create trigger match_town_roles_report_insert after insert on private.match_town_roles
  referencing new table as new_rows for each statement execute function private.report_match_roles_changed();
create trigger match_town_roles_report_update after update on private.match_town_roles
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_match_roles_changed();
create trigger match_town_roles_report_delete after delete on private.match_town_roles
  referencing old table as old_rows for each statement execute function private.report_match_roles_changed();

-- A need's change reaches its own fact and, through the filter columns, its matches'.
create function private.report_needs_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_ids uuid[];
begin
  if tg_op = 'INSERT' then
    v_ids := array(select r.id from new_rows r);
  elsif tg_op = 'UPDATE' then
    v_ids := array(select r.id from new_rows r union select r.id from old_rows r);
  else
    v_ids := array(select r.id from old_rows r);
  end if;
  perform private.report_refresh_needs(v_ids);
  perform private.report_refresh_matches(array(
    select f.match_id from private.report_match_facts f where f.need_id = any(v_ids)
    union select m.id from public.matches m where m.need_id = any(v_ids)));
  return null;
end
$$;
revoke execute on function private.report_needs_changed() from public;
create trigger needs_report_insert after insert on public.needs
  referencing new table as new_rows for each statement execute function private.report_needs_changed();
create trigger needs_report_update after update on public.needs
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_needs_changed();
create trigger needs_report_delete after delete on public.needs
  referencing old table as old_rows for each statement execute function private.report_needs_changed();

create function private.report_need_roles_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.report_refresh_needs(array(select r.need_id from new_rows r));
  elsif tg_op = 'UPDATE' then
    perform private.report_refresh_needs(array(
      select r.need_id from new_rows r union select r.need_id from old_rows r));
  else
    perform private.report_refresh_needs(array(select r.need_id from old_rows r));
  end if;
  return null;
end
$$;
revoke execute on function private.report_need_roles_changed() from public;
create trigger need_town_roles_report_insert after insert on private.need_town_roles
  referencing new table as new_rows for each statement execute function private.report_need_roles_changed();
create trigger need_town_roles_report_update after update on private.need_town_roles
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_need_roles_changed();
create trigger need_town_roles_report_delete after delete on private.need_town_roles
  referencing old table as old_rows for each statement execute function private.report_need_roles_changed();

create function private.report_hour_logs_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.report_refresh_hours(array(select r.id from new_rows r));
  elsif tg_op = 'UPDATE' then
    perform private.report_refresh_hours(array(select r.id from new_rows r union select r.id from old_rows r));
  else
    perform private.report_refresh_hours(array(select r.id from old_rows r));
  end if;
  return null;
end
$$;
revoke execute on function private.report_hour_logs_changed() from public;
create trigger hour_logs_report_insert after insert on public.hour_logs
  referencing new table as new_rows for each statement execute function private.report_hour_logs_changed();
create trigger hour_logs_report_update after update on public.hour_logs
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_hour_logs_changed();
create trigger hour_logs_report_delete after delete on public.hour_logs
  referencing old table as old_rows for each statement execute function private.report_hour_logs_changed();

create function private.report_feedback_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.report_refresh_feedback(array(select r.id from new_rows r));
  elsif tg_op = 'UPDATE' then
    perform private.report_refresh_feedback(array(select r.id from new_rows r union select r.id from old_rows r));
  else
    perform private.report_refresh_feedback(array(select r.id from old_rows r));
  end if;
  return null;
end
$$;
revoke execute on function private.report_feedback_changed() from public;
create trigger feedback_report_insert after insert on public.feedback
  referencing new table as new_rows for each statement execute function private.report_feedback_changed();
create trigger feedback_report_update after update on public.feedback
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_feedback_changed();
create trigger feedback_report_delete after delete on public.feedback
  referencing old table as old_rows for each statement execute function private.report_feedback_changed();
