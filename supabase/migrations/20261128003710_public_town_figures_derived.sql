-- The public town page counts people the way the town's report does. It replaces app.town_figures
-- (landed in 20261128002700_public_town_figures.sql), which read matches.municipal_involvement:
-- a column set once when a match is made, not what the ledger says the town did. The seed's match
-- 02 (Besuchsdienst) carries 'approved' there while no event of its ledger has a role for the
-- town, so the public page counted its helper as working with the town and the report did not.
--
-- Now both read the same sources (definitions in 20261128003120):
--   people helping: helpers of a started match of the town (private.report_matches.started_at:
--     activated, or for older rows when both sides or the town last said yes), whatever became of
--     the match since — the report's "helpers active" over the town's whole history;
--   of them working with the town: a started match in which the town had any role, by the
--     ledger-derived involvement (private.match_town_roles, the report's role);
--   hours confirmed: confirmed hour logs of the town, as before.
-- No figure about people below five, as before; and the number working with the town (the share
-- the page shows) also not when those not working with the town are one to four: the share would
-- give away that small number (6 helping, 83 % with the town: one person without it).

create or replace function app.town_figures(p_municipality uuid)
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
