-- The start page's totals no longer give away what a small town's page hides. It replaces
-- app.public_figures (landed in 20261128001200_public_figures.sql), which summed the confirmed
-- hours of every town and counted every helper. A town's own page (app.town_figures, as of
-- 20261128003710) hides its hours while fewer than five people help there; the total less the
-- shown towns' hours was then exactly the hidden town's hours. And the helpers were counted
-- without the five-person rule.
--
-- Now:
--   confirmed hours: the sum of the hours the towns' own pages show (app.town_figures itself, so
--     the rule and the sources are one), nothing for a town whose page hides them; null while
--     fewer than five people help in the towns shown;
--   helpers (people offering help): null below five;
--   towns and open needs: as before (each town's page shows its open needs too).
create or replace function app.public_figures()
returns table (municipalities integer, open_needs integer, helpers integer, confirmed_hours numeric)
language sql stable security definer set search_path = ''
as $$
  with shown as (
    select f.helpers, f.confirmed_hours
    from public.municipalities mu cross join lateral app.town_figures(mu.id) f
    where f.confirmed_hours is not null
  )
  select
    (select count(*)::int from public.municipalities),
    (select count(*)::int from public.needs where status = 'open'),
    (select case when count(*) >= 5 then count(*)::int end from public.offers),
    (select case when coalesce(sum(s.helpers), 0) >= 5 then sum(s.confirmed_hours) end from shown s)
$$;
comment on function app.public_figures() is
  'How many towns, open needs, helpers and confirmed hours: for the start page, readable by anyone. Hours only of towns whose own page shows them (app.town_figures); helpers and hours null below five people.';
