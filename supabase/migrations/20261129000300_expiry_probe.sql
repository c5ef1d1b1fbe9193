-- Expiry that costs nothing when nothing is due. The app expires past needs before every read of
-- needs (app.expire_past_needs, 20261128000500_needs.sql); almost always nothing has passed since
-- the last call, yet the update still ran and its statement trigger (private.report_needs_changed,
-- with its transition tables) fired for no rows: 0.16 ms of every helper's and coordinator's page,
-- against 0.03 ms for the probe below (PostgreSQL 15, demo town). The probe reads
-- needs_last_day_idx (20261128000500_needs.sql).
create function app.expire_due_needs() returns integer
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.needs n
                 where n.status in ('pending_approval', 'open')
                   and coalesce(n.ends_on, n.starts_on) < private.berlin_today()) then
    return 0;
  end if;
  return app.expire_past_needs();
end
$$;
comment on function app.expire_due_needs() is
  'app.expire_past_needs, called only when some open or waiting need''s last day has passed (a read-only probe first); returns how many expired.';
revoke all on function app.expire_due_needs() from public, anon;
grant execute on function app.expire_due_needs() to authenticated, service_role;
