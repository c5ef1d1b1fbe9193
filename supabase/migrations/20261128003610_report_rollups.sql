-- The town's report: monthly rollups per town × filter key × month, kept from the
-- fact rows of migration 20261128003600 by statement-level triggers on the fact tables (every
-- fact inserted, changed or deleted adds or takes back its share, in the same transaction).
--
-- The filter key names one of the report's filters: district, category and target group, each a
-- value or '*' for any ('<district>|<category>|<target group>'). Each fact counts under the eight
-- keys it passes (a need without a district under the '*' district only), so the report of any
-- filter reads one key's months: its cost grows with the months of the town's history, not with
-- its helpers, needs, matches or events.
--
-- Every rollup upsert writes its rows in key order, so two transactions adding to the same rows
-- lock them in the same order.
--
-- What is summed (months in Europe/Berlin):
--   report_match_months, by the month a match started or ended and the town's role in it: the
--     matches started and ended, their hours (one-off needs; monthly needs apart, since the report
--     multiplies those by the months a match runs in the period), and the helpers' first
--     matches with the town. Matches active in whole months [a, b] = started by b − ended before a.
--   report_need_months, by the month a need was posted: needs posted, with the town, co-produced,
--     matched (ever).
--   report_hour_months, by the month worked: confirmed hours.
--   report_feedback_months, by the month given and perspective: count and sum of ratings.

create table private.report_match_months (
  municipality_id uuid not null,
  key text not null,
  month date not null,
  role text not null,
  started integer not null default 0,
  ended integer not null default 0,
  started_oneoff numeric not null default 0,
  ended_oneoff numeric not null default 0,
  started_monthly numeric not null default 0,
  ended_monthly numeric not null default 0,
  firsts integer not null default 0,
  primary key (municipality_id, key, month, role)
);
alter table private.report_match_months enable row level security;
comment on table private.report_match_months is
  'Per town, filter key, month and town role: matches started and ended, their one-off and monthly hours, helpers'' first matches with the town; kept from private.report_match_facts.';

create table private.report_need_months (
  municipality_id uuid not null,
  key text not null,
  month date not null,
  posted integer not null default 0,
  with_town integer not null default 0,
  co_produced integer not null default 0,
  matched integer not null default 0,
  primary key (municipality_id, key, month)
);
alter table private.report_need_months enable row level security;
comment on table private.report_need_months is
  'Per town, filter key and month of posting: needs posted, with the town, co-produced, matched; kept from private.report_need_facts.';

create table private.report_hour_months (
  municipality_id uuid not null,
  key text not null,
  month date not null,
  hours numeric not null default 0,
  primary key (municipality_id, key, month)
);
alter table private.report_hour_months enable row level security;
comment on table private.report_hour_months is
  'Per town, filter key and month worked: confirmed hours; kept from private.report_hour_facts.';

create table private.report_feedback_months (
  municipality_id uuid not null,
  key text not null,
  month date not null,
  perspective public.feedback_perspective not null,
  n integer not null default 0,
  rating_sum bigint not null default 0,
  primary key (municipality_id, key, month, perspective)
);
alter table private.report_feedback_months enable row level security;
comment on table private.report_feedback_months is
  'Per town, filter key, month and perspective: feedback given and the sum of its ratings; kept from private.report_feedback_facts.';

-- The eight filter keys a row passes, and the key of one report's filter.
create function private.report_keys(p_district uuid, p_category public.need_category,
                                    p_target_group public.target_group)
returns setof text
language sql immutable set search_path = ''
as $$
  select a.d || '|' || b.c || '|' || g.t
  from (select '*' as d union all select p_district::text where p_district is not null) a,
       (select '*' as c union all select p_category::text) b,
       (select '*' as t union all select p_target_group::text) g
$$;
revoke execute on function private.report_keys(uuid, public.need_category, public.target_group) from public;

create function private.report_key(p_district uuid, p_category public.need_category,
                                   p_target_group public.target_group)
returns text
language sql immutable set search_path = ''
as $$
  select coalesce(p_district::text, '*') || '|' || coalesce(p_category::text, '*') || '|'
         || coalesce(p_target_group::text, '*')
$$;
revoke execute on function private.report_key(uuid, public.need_category, public.target_group) from public;

-- ---------------------------------------------------------------------------------------------
-- Adding (p_sign 1) or taking back (-1) facts
-- ---------------------------------------------------------------------------------------------
create function private.report_roll_matches(p_rows private.report_match_facts[], p_sign integer) returns void
language sql security definer set search_path = ''
as $$
  insert into private.report_match_months as r (municipality_id, key, month, role, started, ended,
                                                started_oneoff, ended_oneoff, started_monthly, ended_monthly, firsts)
  select f.municipality_id, k.key, e.month, coalesce(f.role::text, 'none'),
         sum(p_sign * e.is_start::int), sum(p_sign * (not e.is_start)::int),
         sum(p_sign * case when e.is_start and not f.monthly then f.hours else 0 end),
         sum(p_sign * case when not e.is_start and not f.monthly then f.hours else 0 end),
         sum(p_sign * case when e.is_start and f.monthly then f.hours else 0 end),
         sum(p_sign * case when not e.is_start and f.monthly then f.hours else 0 end),
         sum(p_sign * (e.is_start and f.first_with_town)::int)
  from unnest(p_rows) f
  cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
  cross join lateral (
    select true as is_start, date_trunc('month', f.started_at at time zone 'Europe/Berlin')::date as month
    union all
    select false, date_trunc('month', f.ended_at at time zone 'Europe/Berlin')::date where f.ended_at is not null) e
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (municipality_id, key, month, role) do update
    set started = r.started + excluded.started, ended = r.ended + excluded.ended,
        started_oneoff = r.started_oneoff + excluded.started_oneoff,
        ended_oneoff = r.ended_oneoff + excluded.ended_oneoff,
        started_monthly = r.started_monthly + excluded.started_monthly,
        ended_monthly = r.ended_monthly + excluded.ended_monthly,
        firsts = r.firsts + excluded.firsts;
$$;
revoke execute on function private.report_roll_matches(private.report_match_facts[], integer) from public;

create function private.report_roll_needs(p_rows private.report_need_facts[], p_sign integer) returns void
language sql security definer set search_path = ''
as $$
  insert into private.report_need_months as r (municipality_id, key, month, posted, with_town, co_produced, matched)
  select f.municipality_id, k.key, date_trunc('month', f.posted_at at time zone 'Europe/Berlin')::date,
         sum(p_sign), sum(p_sign * (f.role is not null)::int), sum(p_sign * f.co_produced::int),
         sum(p_sign * (f.matched_at is not null)::int)
  from unnest(p_rows) f
  cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
  group by 1, 2, 3
  order by 1, 2, 3
  on conflict (municipality_id, key, month) do update
    set posted = r.posted + excluded.posted, with_town = r.with_town + excluded.with_town,
        co_produced = r.co_produced + excluded.co_produced, matched = r.matched + excluded.matched;
$$;
revoke execute on function private.report_roll_needs(private.report_need_facts[], integer) from public;

create function private.report_roll_hours(p_rows private.report_hour_facts[], p_sign integer) returns void
language sql security definer set search_path = ''
as $$
  insert into private.report_hour_months as r (municipality_id, key, month, hours)
  select f.municipality_id, k.key, date_trunc('month', f.worked_on)::date, sum(p_sign * f.hours)
  from unnest(p_rows) f
  cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
  group by 1, 2, 3
  order by 1, 2, 3
  on conflict (municipality_id, key, month) do update set hours = r.hours + excluded.hours;
$$;
revoke execute on function private.report_roll_hours(private.report_hour_facts[], integer) from public;

create function private.report_roll_feedback(p_rows private.report_feedback_facts[], p_sign integer) returns void
language sql security definer set search_path = ''
as $$
  insert into private.report_feedback_months as r (municipality_id, key, month, perspective, n, rating_sum)
  select f.municipality_id, k.key, date_trunc('month', f.created_at at time zone 'Europe/Berlin')::date,
         f.perspective, sum(p_sign), sum(p_sign * f.rating)
  from unnest(p_rows) f
  cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (municipality_id, key, month, perspective) do update
    set n = r.n + excluded.n, rating_sum = r.rating_sum + excluded.rating_sum;
$$;
revoke execute on function private.report_roll_feedback(private.report_feedback_facts[], integer) from public;

-- ---------------------------------------------------------------------------------------------
-- Triggers on the fact tables: take back the old rows, add the new ones
-- (a statement trigger fires even when no row changed: an empty transition table does nothing)
-- ---------------------------------------------------------------------------------------------
create function private.report_match_facts_roll() returns trigger
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
revoke execute on function private.report_match_facts_roll() from public;
create trigger report_match_facts_insert after insert on private.report_match_facts
  referencing new table as new_rows for each statement execute function private.report_match_facts_roll();
create trigger report_match_facts_update after update on private.report_match_facts
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_match_facts_roll();
create trigger report_match_facts_delete after delete on private.report_match_facts
  referencing old table as old_rows for each statement execute function private.report_match_facts_roll();

create function private.report_need_facts_roll() returns trigger
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
revoke execute on function private.report_need_facts_roll() from public;
create trigger report_need_facts_insert after insert on private.report_need_facts
  referencing new table as new_rows for each statement execute function private.report_need_facts_roll();
create trigger report_need_facts_update after update on private.report_need_facts
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_need_facts_roll();
create trigger report_need_facts_delete after delete on private.report_need_facts
  referencing old table as old_rows for each statement execute function private.report_need_facts_roll();

create function private.report_hour_facts_roll() returns trigger
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
revoke execute on function private.report_hour_facts_roll() from public;
create trigger report_hour_facts_insert after insert on private.report_hour_facts
  referencing new table as new_rows for each statement execute function private.report_hour_facts_roll();
create trigger report_hour_facts_update after update on private.report_hour_facts
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_hour_facts_roll();
create trigger report_hour_facts_delete after delete on private.report_hour_facts
  referencing old table as old_rows for each statement execute function private.report_hour_facts_roll();

create function private.report_feedback_facts_roll() returns trigger
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
revoke execute on function private.report_feedback_facts_roll() from public;
create trigger report_feedback_facts_insert after insert on private.report_feedback_facts
  referencing new table as new_rows for each statement execute function private.report_feedback_facts_roll();
create trigger report_feedback_facts_update after update on private.report_feedback_facts
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_feedback_facts_roll();
create trigger report_feedback_facts_delete after delete on private.report_feedback_facts
  referencing old table as old_rows for each statement execute function private.report_feedback_facts_roll();
