-- The town's report: distinct helpers without reading them one by one. "Helpers active in the
-- months [a, b]" counts each helper once however many of their matches ran then; summing months
-- cannot say that, reading every match of the period grows with the town.
--
-- So each helper's activity per town and filter key is kept as spells: the months in which a
-- match of theirs ran (from the month it started to the month it ended, or open), overlapping
-- matches merged; 'all' for every match, 'town' for the matches the town took part in. A helper
-- is active in [a, b] when one of their spells meets it, and their spells meeting it are one
-- more than the gaps between two of their spells that both meet it (a spell ending in or after a
-- and the next one starting in or before b). Hence, from two rollups:
--   helpers active in [a, b] = spells started by b − spells ended before a
--                              − gaps with (end of the spell before ≥ a, start of the next ≤ b),
-- and the same weighted by the helper's offered hours a month gives the hours offered. The reads
-- are bounded by the months of the town's history, whatever its size.
--
-- A helper's spells are recomputed from their match facts (migration 20261128003600) whenever
-- one of their matches changes (private.report_refresh_matches) or their offer does (trigger on
-- public.offers), in the writing transaction; statement-level triggers fold them into the rollups.

create table private.report_helper_spells (
  municipality_id uuid not null,
  key text not null,
  helper_id uuid not null,
  kind text not null check (kind in ('all', 'town')),
  start_month date not null,
  -- The last month of the spell; 9999-12-01 while a match in it runs.
  end_month date not null,
  -- The start of the helper's next spell (same town, key and kind): the gap between them.
  next_start date,
  -- The helper's offered hours a month (0 without an offer).
  weight numeric not null,
  primary key (helper_id, municipality_id, key, kind, start_month)
);
alter table private.report_helper_spells enable row level security;
comment on table private.report_helper_spells is
  'Each helper''s spells of activity per town, filter key and kind (all matches, or those with the town): months from a start to an end (9999-12 open), the next spell''s start, the offered hours a month; kept from private.report_match_facts and public.offers.';

create table private.report_spell_months (
  municipality_id uuid not null,
  key text not null,
  kind text not null,
  month date not null,
  starts integer not null default 0,
  ends integer not null default 0,
  start_weight numeric not null default 0,
  end_weight numeric not null default 0,
  primary key (municipality_id, key, kind, month)
);
alter table private.report_spell_months enable row level security;
comment on table private.report_spell_months is
  'Per town, filter key, kind and month: helpers'' spells starting and ending there, plain and weighted by offered hours; kept from private.report_helper_spells.';

create table private.report_spell_gaps (
  municipality_id uuid not null,
  key text not null,
  kind text not null,
  -- The last month of the spell before the gap, and the first of the spell after it.
  gap_from date not null,
  gap_to date not null,
  n integer not null default 0,
  weight numeric not null default 0,
  primary key (municipality_id, key, kind, gap_from, gap_to)
);
alter table private.report_spell_gaps enable row level security;
comment on table private.report_spell_gaps is
  'Per town, filter key and kind: gaps between two spells of one helper, by the end of the one and the start of the next, plain and weighted by offered hours; kept from private.report_helper_spells.';

create function private.report_refresh_spells(p_helpers uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if p_helpers is null or cardinality(p_helpers) = 0 then return; end if;
  delete from private.report_helper_spells s where s.helper_id = any(p_helpers);
  insert into private.report_helper_spells (municipality_id, key, helper_id, kind, start_month, end_month,
                                            next_start, weight)
  with intervals as (
    select f.municipality_id, k.key, f.helper_id, x.kind,
           date_trunc('month', f.started_at at time zone 'Europe/Berlin')::date as s,
           coalesce(date_trunc('month', f.ended_at at time zone 'Europe/Berlin')::date, date '9999-12-01') as e
    from private.report_match_facts f
    cross join lateral private.report_keys(f.district_id, f.category, f.target_group) k(key)
    cross join lateral (select 'all' as kind union all select 'town' where f.role is not null) x
    where f.helper_id = any(p_helpers)
  ),
  marked as (
    select i.*,
           case when i.s <= max(i.e) over (partition by i.municipality_id, i.key, i.helper_id, i.kind
                                           order by i.s, i.e rows between unbounded preceding and 1 preceding)
                then 0 else 1 end as starts_spell
    from intervals i
  ),
  numbered as (
    select m.*, sum(m.starts_spell) over (partition by m.municipality_id, m.key, m.helper_id, m.kind
                                          order by m.s, m.e rows unbounded preceding) as spell
    from marked m
  ),
  spells as (
    select n.municipality_id, n.key, n.helper_id, n.kind, min(n.s) as s, max(n.e) as e
    from numbered n
    group by n.municipality_id, n.key, n.helper_id, n.kind, n.spell
  )
  select s.municipality_id, s.key, s.helper_id, s.kind, s.s, s.e,
         lead(s.s) over (partition by s.municipality_id, s.key, s.helper_id, s.kind order by s.s),
         coalesce((select o.hours_per_month from public.offers o where o.helper_id = s.helper_id), 0)
  from spells s;
end
$$;
revoke execute on function private.report_refresh_spells(uuid[]) from public;

create function private.report_roll_spells(p_rows private.report_helper_spells[], p_sign integer) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.report_spell_months as r (municipality_id, key, kind, month, starts, ends, start_weight,
                                                end_weight)
  select s.municipality_id, s.key, s.kind, x.month, sum(p_sign * x.is_start::int), sum(p_sign * (not x.is_start)::int),
         sum(p_sign * case when x.is_start then s.weight else 0 end),
         sum(p_sign * case when x.is_start then 0 else s.weight end)
  from unnest(p_rows) s
  cross join lateral (select true as is_start, s.start_month as month
                      union all select false, s.end_month where s.end_month <> date '9999-12-01') x
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (municipality_id, key, kind, month) do update
    set starts = r.starts + excluded.starts, ends = r.ends + excluded.ends,
        start_weight = r.start_weight + excluded.start_weight, end_weight = r.end_weight + excluded.end_weight;

  insert into private.report_spell_gaps as r (municipality_id, key, kind, gap_from, gap_to, n, weight)
  select s.municipality_id, s.key, s.kind, s.end_month, s.next_start, sum(p_sign), sum(p_sign * s.weight)
  from unnest(p_rows) s
  where s.next_start is not null
  group by 1, 2, 3, 4, 5
  order by 1, 2, 3, 4, 5
  on conflict (municipality_id, key, kind, gap_from, gap_to) do update
    set n = r.n + excluded.n, weight = r.weight + excluded.weight;
end
$$;
revoke execute on function private.report_roll_spells(private.report_helper_spells[], integer) from public;

create function private.report_helper_spells_roll() returns trigger
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
revoke execute on function private.report_helper_spells_roll() from public;
create trigger report_helper_spells_insert after insert on private.report_helper_spells
  referencing new table as new_rows for each statement execute function private.report_helper_spells_roll();
create trigger report_helper_spells_update after update on private.report_helper_spells
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_helper_spells_roll();
create trigger report_helper_spells_delete after delete on private.report_helper_spells
  referencing old table as old_rows for each statement execute function private.report_helper_spells_roll();

-- Spells follow the match facts directly: any statement changing a helper's facts recomputes
-- that helper's spells (bulk statements in one pass).
create function private.report_match_facts_spells() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.report_refresh_spells(array(
      select distinct r.helper_id from new_rows r where r.helper_id is not null));
  elsif tg_op = 'UPDATE' then
    perform private.report_refresh_spells(array(
      select r.helper_id from new_rows r where r.helper_id is not null
      union select r.helper_id from old_rows r where r.helper_id is not null));
  else
    perform private.report_refresh_spells(array(
      select distinct r.helper_id from old_rows r where r.helper_id is not null));
  end if;
  return null;
end
$$;
revoke execute on function private.report_match_facts_spells() from public;
create trigger report_match_facts_spells_insert after insert on private.report_match_facts
  referencing new table as new_rows for each statement execute function private.report_match_facts_spells();
create trigger report_match_facts_spells_update after update on private.report_match_facts
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_match_facts_spells();
create trigger report_match_facts_spells_delete after delete on private.report_match_facts
  referencing old table as old_rows for each statement execute function private.report_match_facts_spells();

-- The offered hours weigh every spell of the helper.
create function private.report_offers_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.report_refresh_spells(array(select r.helper_id from new_rows r));
  elsif tg_op = 'UPDATE' then
    perform private.report_refresh_spells(array(
      select n.helper_id from new_rows n join old_rows o on o.id = n.id
      where n.hours_per_month is distinct from o.hours_per_month or n.helper_id is distinct from o.helper_id
      union select o.helper_id from new_rows n join old_rows o on o.id = n.id
      where n.helper_id is distinct from o.helper_id));
  else
    perform private.report_refresh_spells(array(select r.helper_id from old_rows r));
  end if;
  return null;
end
$$;
revoke execute on function private.report_offers_changed() from public;
create trigger offers_report_insert after insert on public.offers
  referencing new table as new_rows for each statement execute function private.report_offers_changed();
create trigger offers_report_update after update on public.offers
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.report_offers_changed();
create trigger offers_report_delete after delete on public.offers
  referencing old table as old_rows for each statement execute function private.report_offers_changed();
