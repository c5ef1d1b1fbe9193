-- Removing a coordinator, and the rule that an organisation never loses its last active
-- coordinator to a removal: nobody could then confirm hours, answer its helpers or invite anyone.
-- The rule is a trigger, so it holds for every path (verbs, the system), not only the verb.
--
-- Except when the person or the organisation itself goes: deleting one's account (GDPR) is never
-- refused. An organisation left without coordinators gets a first one again from its town
-- (nonprofits) or a platform admin (municipal offices), see private.may_invite_coordinators.

create function private.keep_last_coordinator() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.role <> 'coordinator' or old.status <> 'active' then return coalesce(new, old); end if;
  if tg_op = 'UPDATE' and new.status = 'active' and new.role = 'coordinator'
     and new.organisation_id = old.organisation_id then
    return new;
  end if;
  -- A cascade from the account's or the organisation's deletion: the parent row is gone already.
  if not exists (select 1 from public.profiles p where p.id = old.person_id)
     or not exists (select 1 from public.organisations o where o.id = old.organisation_id) then
    return coalesce(new, old);
  end if;
  -- Two removals at once must not each count the other as still there.
  perform 1 from public.organisations o where o.id = old.organisation_id for update;
  if not exists (select 1 from public.memberships m
                 where m.organisation_id = old.organisation_id and m.role = 'coordinator'
                   and m.status = 'active' and m.id <> old.id) then
    perform private.fail('last_coordinator');
  end if;
  return coalesce(new, old);
end
$$;
comment on function private.keep_last_coordinator() is
  'Refuses to delete, pause or end the last active coordinator membership of an organisation (last_coordinator), unless the account or the organisation is being deleted.';

create trigger memberships_keep_last_coordinator
  before update of status, role, organisation_id or delete on public.memberships
  for each row execute function private.keep_last_coordinator();

create function app.remove_coordinator(p_membership uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_organisation uuid;
  v public.memberships;
begin
  select m.organisation_id into v_organisation from public.memberships m
  where m.id = p_membership and m.role = 'coordinator';
  if v_organisation is null then perform private.fail('coordinator_not_found'); end if;
  if v_organisation not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  -- Lock order as everywhere: the organisation row, then the membership.
  perform 1 from public.organisations o where o.id = v_organisation for update;
  select * into v from public.memberships where id = p_membership for update;
  if v.id is null or v.status not in ('active', 'paused') then
    perform private.fail('coordinator_not_found');
  end if;
  -- The trigger refuses the last active coordinator; their invitation row goes with the membership.
  delete from public.memberships where id = v.id;
end
$$;
comment on function app.remove_coordinator(uuid) is
  'An active coordinator of the organisation removes a coordinator (themselves included) from it. Raises coordinator_not_found, not_allowed, last_coordinator.';

grant execute on function app.remove_coordinator(uuid) to authenticated, service_role;
