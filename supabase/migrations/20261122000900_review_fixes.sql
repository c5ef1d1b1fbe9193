-- Review fixes, forward from 0100–0800:
--   1. a need's substance is frozen while helpers are committed to it, and a change to an approved
--      nonprofit need sends it back to the town;
--   2. a town's §72a records are read only for the reader's own pool;
--   3. withdrawing a match reopens its need only when a place is really free again;
--   4. a pool's profiles are readable only after consent, and an ended membership stays ended;
--   5. the private definer helpers answer only for the caller's own organisations.

-- ---------------------------------------------------------------------------------------------
-- 1. Needs: no substantive change under pending or active matches; re-approval after a change
-- ---------------------------------------------------------------------------------------------
-- Security definer so the guard does not depend on the matches policies; it answers only for
-- needs the caller coordinates or governs (the only people who may update a need at all).
create function private.need_taken_places(p_need uuid) returns integer
language sql stable security definer set search_path = ''
as $$
  select count(*)::integer
  from public.matches m
  join public.needs n on n.id = m.need_id
  where m.need_id = p_need and m.status in ('pending_approval', 'active')
    and (n.organisation_id in (select private.coordinated_organisation_ids())
         or n.municipality_id in (select private.governed_municipality_ids()))
$$;
comment on function private.need_taken_places(uuid)
  is 'Places of the need taken by pending_approval or active matches; 0 unless the caller coordinates the need''s organisation or governs its town.';
revoke execute on function private.need_taken_places(uuid) from public, anon;
grant execute on function private.need_taken_places(uuid) to authenticated, service_role;

-- Security invoker on purpose (like need_guard_opening): it must see the statement's role, so
-- the match verbs and system jobs (running as the owner) pass. Fires after needs_guard_opening
-- (triggers fire in name order), so a coordinator's "open it" is refused there first.
create function private.need_guard_substance() returns trigger
language plpgsql set search_path = ''
as $$
declare
  v_changed boolean;
  v_taken integer;
  v_needs_approval boolean;
begin
  if current_user::text not in ('authenticated', 'anon') then
    return new;
  end if;
  -- What matching, the town's approval, §72a and capacity were decided on.
  v_changed := (new.category, new.target_group, new.hours, new.cadence, new.starts_on, new.ends_on,
                new.time_windows, new.remote, new.lat, new.lng, new.district_id, new.required_languages,
                new.requires_72a)
    is distinct from (old.category, old.target_group, old.hours, old.cadence, old.starts_on, old.ends_on,
                      old.time_windows, old.remote, old.lat, old.lng, old.district_id, old.required_languages,
                      old.requires_72a);

  if v_changed or new.helpers_wanted is distinct from old.helpers_wanted then
    v_taken := private.need_taken_places(old.id);
    if v_taken > 0 and (v_changed or new.helpers_wanted < v_taken) then
      raise exception 'need_has_matches' using errcode = 'P0001';
    end if;
  end if;

  if v_changed and old.status in ('pending_approval', 'open', 'matched')
     and new.status in ('pending_approval', 'open', 'matched') then
    select o.kind = 'nonprofit' and mu.nonprofit_needs_need_approval into v_needs_approval
    from public.organisations o join public.municipalities mu on mu.id = o.municipality_id
    where o.id = new.organisation_id;
    if v_needs_approval and new.municipality_id not in (select private.governed_municipality_ids()) then
      new.status := 'pending_approval';
      new.approved_by := null;
      new.approved_at := null;
    end if;
  end if;
  return new;
end
$$;
comment on function private.need_guard_substance()
  is 'For people (anon/authenticated): refuses need_has_matches when a need with pending_approval or active matches changes its substance (category, target group, hours, dates, windows, place, languages, §72a) or wants fewer helpers than it holds; otherwise a substantive change to a nonprofit need the town must approve sends it back to pending_approval without its approval, unless a municipal coordinator of the town makes it. Title, description, preferred languages and more places stay free.';
revoke execute on function private.need_guard_substance() from public;

create trigger needs_guard_substance before update on public.needs
  for each row execute function private.need_guard_substance();

-- ---------------------------------------------------------------------------------------------
-- 2. §72a: a town's inspection records only for helpers of the reader's own pool
-- ---------------------------------------------------------------------------------------------
-- Any coordinator in an inspecting town read all of the office's records, conviction_listed
-- included. Matching does not need them (private.inspection_valid answers as a boolean); a
-- coordinator needs them only for the helpers they work with. The office's own coordinators
-- still read every record through "Coordinators manage their organisation's inspections".
drop policy "Coordinators read town inspections where the town inspects" on public.inspections_72a;
create policy "Coordinators read the town's inspections of their pool" on public.inspections_72a
  for select to authenticated
  using (inspecting_organisation_id in (select private.town_inspector_organisation_ids())
         and helper_id in (select private.pool_member_ids()));
comment on policy "Coordinators read the town's inspections of their pool" on public.inspections_72a
  is 'Where the town inspects §72a town-wide, a coordinator reads the town office''s record of an active or paused helper of a pool they coordinate, and of no one else.';

-- ---------------------------------------------------------------------------------------------
-- 3. withdraw_match: reopen only when a taken place is given back and the need has room
-- ---------------------------------------------------------------------------------------------
-- Withdrawing a still-proposed or requested match took no place, yet it reopened a full need.
-- decline_match never touches the need's status (only pending matches are declined, and a
-- need is marked matched by active matches alone), so it needs no change.
create or replace function public.withdraw_match(p_match uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_match public.matches;
begin
  select m.* into v_match from public.matches m where m.id = p_match;
  if not found then perform private.fail('match_not_found'); end if;
  select * into v_need from public.needs where id = v_match.need_id for update;
  select * into v_match from public.matches m where m.id = p_match for update;

  if not coalesce(v_actor = v_match.helper_id
                  or v_match.organisation_id in (select private.coordinated_organisation_ids()), false) then
    perform private.fail('not_allowed');
  end if;
  if v_match.status not in ('proposed', 'requested', 'pending_approval', 'active') then
    perform private.fail('match_closed');
  end if;
  update public.matches set status = 'withdrawn', ended_at = now(), updated_at = now() where id = p_match;
  if v_match.status in ('pending_approval', 'active')
     and (select count(*) from public.matches m
          where m.need_id = v_need.id and m.status in ('pending_approval', 'active')) < v_need.helpers_wanted then
    update public.needs set status = 'open', updated_at = now() where id = v_need.id and status = 'matched';
  end if;
end
$$;
comment on function public.withdraw_match(uuid)
  is 'The helper or a coordinator of the need''s organisation withdraws from a match that is pending or active; a matched need opens again only when the withdrawn match held a place and fewer places than wanted stay taken.';

-- ---------------------------------------------------------------------------------------------
-- 4. Pools: profiles only after consent; an ended membership stays ended
-- ---------------------------------------------------------------------------------------------
-- 'invited' counted as a pool member, so inviting anyone (even from another town) showed their
-- profile before they said yes.
create or replace function private.pool_member_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select h.person_id from public.memberships h
  where h.role = 'helper' and h.status in ('active', 'paused')
    and h.organisation_id in (select private.coordinated_organisation_ids())
$$;
comment on function private.pool_member_ids()
  is 'Active or paused helpers in the pools of the organisations the current person coordinates (invited: no consent yet; ended: gone).';

-- A coordinator could set a left helper back to 'invited' and read their profile again.
create or replace function private.membership_guard_consent() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user::text in ('authenticated', 'anon') then
    if new.status in ('active', 'paused') and old.status not in ('active', 'paused') then
      raise exception 'membership_needs_consent' using errcode = 'P0001';
    end if;
    if old.status = 'ended' and new.status <> 'ended' then
      raise exception 'membership_ended' using errcode = 'P0001';
    end if;
  end if;
  return new;
end
$$;
comment on function private.membership_guard_consent()
  is 'Only the person makes an invitation active (through accept_invitation); coordinators pause, resume and end, and an ended membership is final for them (membership_ended). Applies to people (anon/authenticated); security invoker to see the statement''s role.';

-- ---------------------------------------------------------------------------------------------
-- 5. Private definer helpers answer only for the caller's own organisations
-- ---------------------------------------------------------------------------------------------
-- Anyone signed in could read any helper's committed hours per month. Only definer functions
-- (the match verbs, candidate lists) and the system's batch job need the figure.
revoke execute on function private.committed_hours(uuid, date) from public, anon, authenticated;
grant execute on function private.committed_hours(uuid, date) to service_role;

-- Policies call these as the person, so they stay executable; they now answer false for any
-- organisation the caller does not coordinate.
create or replace function private.is_pool_member(p_organisation uuid, p_person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_organisation in (select private.coordinated_organisation_ids())
     and exists (select 1 from public.memberships m
                 where m.organisation_id = p_organisation and m.person_id = p_person
                   and m.role = 'helper' and m.status in ('active', 'paused'))
$$;
comment on function private.is_pool_member(uuid, uuid)
  is 'True when the caller coordinates the organisation and the person is an active or paused helper in its pool (invited does not count: no consent yet).';

create or replace function private.may_inspect(p_organisation uuid, p_helper uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_organisation in (select private.coordinated_organisation_ids())
     and (private.is_pool_member(p_organisation, p_helper)
          or exists (select 1
                     from public.organisations office
                     join public.municipalities mu on mu.id = office.municipality_id
                     join public.organisations o on o.municipality_id = mu.id
                     join public.memberships m on m.organisation_id = o.id
                     where office.id = p_organisation and office.kind = 'municipal' and mu.municipality_inspects_72a
                       and m.person_id = p_helper and m.role = 'helper' and m.status in ('active', 'paused')))
$$;
comment on function private.may_inspect(uuid, uuid)
  is 'Whether the caller, for an organisation they coordinate, may record a §72a inspection for the helper: a helper of its own pool, or — for a municipal office of a town that inspects town-wide — a helper in any pool of that town.';
