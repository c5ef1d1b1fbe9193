-- Expiry that costs nothing when nothing is due. The app calls app.expire_past_needs() before
-- every read of needs (20261128000500_needs.sql); almost always nothing has passed since the last
-- call, yet the update still ran and its statement trigger (private.report_needs_changed, with
-- its transition tables) fired for no rows: 0.16 ms of every helper's and coordinator's page,
-- against 0.03 ms for the probe below (PostgreSQL 15, demo town). Fix forward: the same function
-- with a read-only probe first; the update is unchanged.

-- The probe reads needs_last_day_idx (20261128000500_needs.sql): needs that can still
-- expire, by their last day.

create or replace function app.expire_past_needs() returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  if not exists (select 1 from public.needs n
                 where n.status in ('pending_approval', 'open')
                   and coalesce(n.ends_on, n.starts_on) < private.berlin_today()) then
    return 0;
  end if;
  -- skip locked: a need a verb holds right now is left to the next call, never waited for.
  with due as (
    select n.id from public.needs n
    where n.status in ('pending_approval', 'open')
      and coalesce(n.ends_on, n.starts_on) < private.berlin_today()
    for update skip locked
  )
  update public.needs n set status = 'expired', updated_at = now()
  from due where n.id = due.id;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
