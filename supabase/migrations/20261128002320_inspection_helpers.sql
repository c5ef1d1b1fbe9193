-- §72a: whom an organisation's coordinators can choose when they record an inspection, and the
-- names on its records. A town office that inspects town-wide records for helpers of every pool
-- of its town, whose profiles its coordinators cannot read: this function names them.

create function app.inspection_helpers(p_organisation uuid)
returns table (id uuid, display_name text, may_record boolean)
language sql stable security definer set search_path = ''
as $$
  with people as (
    -- helpers the organisation may record for (its pool; for a town-wide office, the town's pools)
    select m.person_id
    from public.organisations office
    join public.municipalities mu on mu.id = office.municipality_id
    join public.organisations o
      on o.id = office.id
      or (office.kind = 'municipal' and mu.municipality_inspects_72a and o.municipality_id = mu.id)
    join public.memberships m on m.organisation_id = o.id
    where office.id = p_organisation and m.role = 'helper' and m.status in ('active', 'paused')
    union
    -- and whoever it holds a record of
    select i.helper_id from public.inspections_72a i where i.inspecting_organisation_id = p_organisation
  )
  select p.id, p.display_name, private.may_inspect(p_organisation, p.id)
  from people x join public.profiles p on p.id = x.person_id
  where p_organisation in (select private.coordinated_organisation_ids())
  order by p.display_name, p.id
$$;
comment on function app.inspection_helpers(uuid) is
  'For a coordinator of the organisation: the helpers it may record a §72a inspection for (may_record; never the caller) and those it holds a record of, with their display names. Empty for anyone else.';
grant execute on function app.inspection_helpers(uuid) to authenticated, service_role;
