-- The town's report: the two remaining figures that are not sums, from rollups.
--
--   report_org_months: per town, filter key, month and organisation, the matches started and
--     ended and the needs posted. An organisation took part in the months [a, b] when a match of
--     its was active then (started by b − ended before a > 0) or it posted a need then; the
--     report counts the nonprofits among them. Reads: organisations × months.
--   report_need_days: per town, filter key, month of posting and whole days from posting to the
--     first match, the matched needs. The median's rank is found in these counts; only the one or
--     two needs at that rank are read from the facts (index on the whole days), so the median is
--     the exact value percentile_cont gives.
--
-- Both are kept from the fact rows of migration 20261128003600 by statement-level triggers.

create table private.report_org_months (
  municipality_id uuid not null,
  key text not null,
  month date not null,
  organisation_id uuid not null,
  started integer not null default 0,
  ended integer not null default 0,
  posted integer not null default 0,
  primary key (municipality_id, key, month, organisation_id)
);
alter table private.report_org_months enable row level security;
comment on table private.report_org_months is
  'Per town, filter key, month and organisation: matches started and ended, needs posted; kept from the report''s match and need facts.';

-- The days from posting to a match are the need facts' days_to_match and whole_days
-- (20261128003600), indexed there.

create table private.report_need_days (
  municipality_id uuid not null,
  key text not null,
  month date not null,
  whole_days integer not null,
  n integer not null default 0,
  primary key (municipality_id, key, month, whole_days)
);
alter table private.report_need_days enable row level security;
comment on table private.report_need_days is
  'Per town, filter key, month of posting and whole days from posting to the first match: needs matched; kept from private.report_need_facts.';

create function private.report_roll_org_matches(p_rows private.report_match_facts[], p_sign integer) returns void
language sql security definer set search_path = ''
as $$
  insert into private.report_org_months as r (municipality_id, key, month, organisation_id, started, ended)
  select f.municipality_id, k.key, e.month, f.organisation_id,
         sum(p_sign * e.is_start::int), sum(p_sign * (not e.is_start)::int)
  from unnest(p_rows) f
  cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
  cross join lateral (
    select true as is_start, date_trunc('month', f.started_at at time zone 'Europe/Berlin')::date as month
    union all
    select false, date_trunc('month', f.ended_at at time zone 'Europe/Berlin')::date where f.ended_at is not null) e
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (municipality_id, key, month, organisation_id) do update
    set started = r.started + excluded.started, ended = r.ended + excluded.ended;
$$;
revoke execute on function private.report_roll_org_matches(private.report_match_facts[], integer) from public;

create function private.report_roll_org_needs(p_rows private.report_need_facts[], p_sign integer) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.report_org_months as r (municipality_id, key, month, organisation_id, posted)
  select f.municipality_id, k.key, date_trunc('month', f.posted_at at time zone 'Europe/Berlin')::date,
         f.organisation_id, sum(p_sign)
  from unnest(p_rows) f
  cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (municipality_id, key, month, organisation_id) do update set posted = r.posted + excluded.posted;

  insert into private.report_need_days as r (municipality_id, key, month, whole_days, n)
  select f.municipality_id, k.key, date_trunc('month', f.posted_at at time zone 'Europe/Berlin')::date,
         floor(extract(epoch from f.matched_at - f.posted_at) / 86400)::int, sum(p_sign)
  from unnest(p_rows) f
  cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
  where f.matched_at is not null
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (municipality_id, key, month, whole_days) do update set n = r.n + excluded.n;
end
$$;
revoke execute on function private.report_roll_org_needs(private.report_need_facts[], integer) from public;

create function private.report_match_facts_roll_orgs() returns trigger
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
revoke execute on function private.report_match_facts_roll_orgs() from public;
create trigger report_match_facts_orgs_insert after insert on private.report_match_facts
  referencing new table as new_rows for each statement execute function private.report_match_facts_roll_orgs();
create trigger report_match_facts_orgs_update after update on private.report_match_facts
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_match_facts_roll_orgs();
create trigger report_match_facts_orgs_delete after delete on private.report_match_facts
  referencing old table as old_rows for each statement execute function private.report_match_facts_roll_orgs();

create function private.report_need_facts_roll_orgs() returns trigger
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
revoke execute on function private.report_need_facts_roll_orgs() from public;
create trigger report_need_facts_orgs_insert after insert on private.report_need_facts
  referencing new table as new_rows for each statement execute function private.report_need_facts_roll_orgs();
create trigger report_need_facts_orgs_update after update on private.report_need_facts
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_need_facts_roll_orgs();
create trigger report_need_facts_orgs_delete after delete on private.report_need_facts
  referencing old table as old_rows for each statement execute function private.report_need_facts_roll_orgs();
