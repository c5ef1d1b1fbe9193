-- Aggregate figures for the public start page: counts only, never a row about a person.

-- In `app`, not `public`: a security-definer function in `public` would be callable over
-- Supabase's REST API; the start page's server calls it instead.
create function app.public_figures()
returns table (municipalities integer, open_needs integer, helpers integer, confirmed_hours numeric)
language sql stable security definer set search_path = ''
as $$
  select
    (select count(*)::int from public.municipalities),
    (select count(*)::int from public.needs where status = 'open'),
    (select count(*)::int from public.offers),
    (select coalesce(sum(hours), 0) from public.hour_logs where status = 'confirmed')
$$;
comment on function app.public_figures() is 'How many towns, open needs, helpers and confirmed hours: for the start page, readable by anyone.';

grant execute on function app.public_figures() to anon, authenticated, service_role;
