-- A public page per town: its co-production figures in aggregate, for anyone. No figure about
-- people is shown below five people (it would point at them), nor anything derived from one.

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
  -- People who help or helped in the town (an active or completed match), and of them those
  -- whose match the town took part in (any involvement).
  select count(distinct m.helper_id),
         count(distinct m.helper_id) filter (where m.municipal_involvement is not null)
    into v_helpers, v_with_town
  from public.matches m
  where m.municipality_id = p_municipality and m.status in ('active', 'completed') and m.helper_id is not null;
  return query
    select mu.name,
           (select count(*)::int from public.needs n where n.municipality_id = mu.id and n.status = 'open'),
           (select count(*)::int from public.organisations o where o.municipality_id = mu.id),
           case when v_helpers >= 5 then v_helpers end,
           case when v_helpers >= 5 and v_with_town >= 5 then v_with_town end,
           case when v_helpers >= 5 then
             (select coalesce(sum(h.hours), 0) from public.hour_logs h
              where h.municipality_id = mu.id and h.status = 'confirmed') end
    from public.municipalities mu where mu.id = p_municipality;
end
$$;
comment on function app.town_figures(uuid) is
  'One town''s public co-production figures: open needs, organisations, people helping, how many of them worked with the town, confirmed hours. Figures about people are null below five people (and hours with them). Nothing for an unknown town.';

grant execute on function app.town_figures(uuid) to anon, authenticated, service_role;
