-- Public co-production figures, for anyone: one town's page (app.town_figures) and the start
-- page's totals (app.public_figures). Counts only, never a row about a person, and no figure
-- about people below five people (it would point at them), nor anything derived from one.
--
-- In `app`, not `public`: a security-definer function in `public` would be callable over
-- Supabase's REST API; the pages' server calls these instead. After the town report
-- (20261128003120 and the rollups), because a town's page counts people the way its report does.

-- ---------------------------------------------------------------------------------------------
-- One town
-- ---------------------------------------------------------------------------------------------
-- Both the page and the report read the same sources (private.report_matches, 20261128003120):
--   people helping: helpers of a started match of the town (private.report_matches.started_at:
--     activated, or for a row without activated_at when both sides or the town last said yes),
--     whatever became of the match since — the report's "helpers active" over the town's whole
--     history;
--   of them working with the town: a started match in which the town had any role, by the
--     ledger-derived involvement (private.match_town_roles, the report's role), not the column
--     matches.municipal_involvement, which is set once when a match is made;
--   hours confirmed: confirmed hour logs of the town.
-- The number working with the town (the share the page shows) is also hidden when those not
-- working with the town are one to four: the share would give that small number away (6 helping,
-- 83 % with the town: one person without it).
create function app.town_figures(p_municipality uuid)
returns table (municipality_name text, open_needs integer, organisations integer, helpers integer,
               helpers_with_town integer, confirmed_hours numeric)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_helpers integer;
  v_with_town integer;
begin
  if not exists (select 1 from public.municipalities where id = p_municipality) then
    return;
  end if;
  select count(distinct m.helper_id),
         count(distinct m.helper_id) filter (where m.role is not null)
    into v_helpers, v_with_town
  from private.report_matches m
  where m.municipality_id = p_municipality and m.started_at is not null and m.helper_id is not null;
  return query
    select mu.name,
           (select count(*)::int from public.needs n where n.municipality_id = mu.id and n.status = 'open'),
           (select count(*)::int from public.organisations o where o.municipality_id = mu.id),
           case when v_helpers >= 5 then v_helpers end,
           case when v_helpers >= 5 and v_with_town >= 5 and v_helpers - v_with_town not between 1 and 4
                then v_with_town end,
           case when v_helpers >= 5 then
             (select coalesce(sum(h.hours), 0) from public.hour_logs h
              where h.municipality_id = mu.id and h.status = 'confirmed') end
    from public.municipalities mu where mu.id = p_municipality;
end
$$;
comment on function app.town_figures(uuid) is
  'One town''s public co-production figures as the town''s report counts them: open needs, organisations, people helping (a started match), how many of them worked with the town (the ledger-derived involvement), confirmed hours. Figures about people are null below five people (and hours with them); those working with the town also when one to four do not. Nothing for an unknown town.';

grant execute on function app.town_figures(uuid) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- All towns, for the start page
-- ---------------------------------------------------------------------------------------------
-- The totals must not give away what a small town's page hides (the total less the shown towns'
-- hours would be exactly the hidden town's hours):
--   confirmed hours: the sum of the hours the towns' own pages show (app.town_figures itself, so
--     the rule and the sources are one), nothing for a town whose page hides them; null while
--     fewer than five people help in the towns shown;
--   helpers (people offering help): null below five;
--   towns and open needs: all (each town's page shows its open needs too).
create function app.public_figures()
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

grant execute on function app.public_figures() to anon, authenticated, service_role;
