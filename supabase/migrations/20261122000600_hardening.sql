-- Hardening after review: matches only through the match verbs, needs without self-approval or a
-- move between organisations, §72a inspections only for the inspecting organisation's helpers,
-- and pool memberships only with the person's consent.
--
-- Privileges are revoked from anon as well as authenticated: on Supabase, default privileges
-- grant every API role all rights on new public tables, so a revoke from one role alone is not
-- enough there.

-- ---------------------------------------------------------------------------------------------
-- Matches: created only by request_match / propose_match
-- ---------------------------------------------------------------------------------------------
-- A direct insert skipped capacity, §72a, languages and distance, and let the caller set
-- approved_at, organisation_accepted_at, municipal_involvement, first_with_municipality and score
-- (the "1 in 10" figure). Matches are created by request_match/propose_match, which check every
-- rule under the need and offer locks and write the ledger.
drop policy "Helpers ask to help with an open need" on public.matches;
drop policy "Coordinators propose helpers for their organisation's needs" on public.matches;
revoke insert, update, delete on public.matches from anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Needs: what a coordinator fills in, nothing more
-- ---------------------------------------------------------------------------------------------
-- approved_by/approved_at are set only by private.need_guard_opening (a BEFORE trigger writes
-- them, which needs no column privilege); municipality_id is derived from the organisation; a
-- need never moves to another organisation, and who created it is fixed at insert.
revoke insert, update on public.needs from anon, authenticated;
grant insert (organisation_id, created_by, title, description, category, target_group, hours, cadence,
              starts_on, ends_on, time_windows, district_id, lat, lng, remote, required_languages,
              preferred_languages, helpers_wanted, requires_72a, status)
  on public.needs to authenticated;
grant update (title, description, category, target_group, hours, cadence,
              starts_on, ends_on, time_windows, district_id, lat, lng, remote, required_languages,
              preferred_languages, helpers_wanted, requires_72a, status)
  on public.needs to authenticated;

-- A need starts as a draft, waiting for approval, or open (the opening guard refuses 'open' where
-- the town must approve); never matched or closed, and never in another person's name.
drop policy "Coordinators post needs for their organisation" on public.needs;
create policy "Coordinators post needs for their organisation" on public.needs
  for insert to authenticated
  with check (organisation_id in (select private.coordinated_organisation_ids())
              and status in ('draft', 'pending_approval', 'open')
              and (created_by is null or created_by = (select auth.uid())));

-- The guard looked only at draft/pending → open, so draft → cancelled → open opened a need
-- without the town. Now every step into open or matched from a state that is neither needs it;
-- matched ↔ open (a place taken or freed by the match verbs) does not.
create or replace function private.need_guard_opening() returns trigger
language plpgsql set search_path = ''
as $$
declare
  needs_approval boolean;
begin
  if current_user::text in ('authenticated', 'anon')
     and new.status in ('open', 'matched')
     and (tg_op = 'INSERT' or old.status not in ('open', 'matched')) then
    select o.kind = 'nonprofit' and m.nonprofit_needs_need_approval into needs_approval
    from public.organisations o join public.municipalities m on m.id = o.municipality_id
    where o.id = new.organisation_id;
    if needs_approval and new.municipality_id not in (select private.governed_municipality_ids()) then
      raise exception 'need_requires_municipal_approval' using errcode = 'P0001';
    end if;
    if needs_approval then
      new.approved_by := (select auth.uid());
      new.approved_at := now();
    end if;
  end if;
  return new;
end
$$;
comment on function private.need_guard_opening()
  is 'Opens a nonprofit''s need only through a municipal coordinator where the town''s policy asks for it, and records who approved; applies to people (anon/authenticated), not to the system. Security invoker: it must see the statement''s role.';
revoke execute on function private.need_guard_opening() from public;

-- ---------------------------------------------------------------------------------------------
-- §72a inspections: only for helpers in the inspecting organisation's pool
-- ---------------------------------------------------------------------------------------------
create function private.is_pool_member(p_organisation uuid, p_person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.memberships m
                 where m.organisation_id = p_organisation and m.person_id = p_person
                   and m.role = 'helper' and m.status in ('active', 'paused'))
$$;
comment on function private.is_pool_member(uuid, uuid)
  is 'True when the person is an active or paused helper in the organisation''s pool (invited does not count: no consent yet).';

create function private.may_inspect(p_organisation uuid, p_helper uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.is_pool_member(p_organisation, p_helper)
      or exists (select 1
                 from public.organisations office
                 join public.municipalities mu on mu.id = office.municipality_id
                 join public.organisations o on o.municipality_id = mu.id
                 join public.memberships m on m.organisation_id = o.id
                 where office.id = p_organisation and office.kind = 'municipal' and mu.municipality_inspects_72a
                   and m.person_id = p_helper and m.role = 'helper' and m.status in ('active', 'paused'))
$$;
comment on function private.may_inspect(uuid, uuid)
  is 'Whether the organisation may record a §72a inspection for the helper: a helper of its own pool, or — for a municipal office of a town that inspects town-wide — a helper in any pool of that town.';

revoke execute on function private.is_pool_member(uuid, uuid), private.may_inspect(uuid, uuid) from public, anon;
grant execute on function private.is_pool_member(uuid, uuid), private.may_inspect(uuid, uuid)
  to authenticated, service_role;

-- Reading and deleting stay as they were (a record must be deletable after the helper left);
-- writing a record needs the helper in the pool.
drop policy "Coordinators manage their organisation's inspections" on public.inspections_72a;
create policy "Coordinators manage their organisation's inspections" on public.inspections_72a
  for all to authenticated
  using (inspecting_organisation_id in (select private.coordinated_organisation_ids()))
  with check (inspecting_organisation_id in (select private.coordinated_organisation_ids())
              and private.may_inspect(inspecting_organisation_id, helper_id));

-- ---------------------------------------------------------------------------------------------
-- Memberships: into a pool only by invitation, which the person accepts
-- ---------------------------------------------------------------------------------------------
-- Coordinators change a membership's state, never whose it is, where, or in which role.
revoke update on public.memberships from anon, authenticated;
grant update (status, verified_at, ended_at) on public.memberships to authenticated;

drop policy "Coordinators add helpers to their organisations' pools" on public.memberships;
create policy "Coordinators invite helpers to their organisations' pools" on public.memberships
  for insert to authenticated
  with check (role = 'helper' and status = 'invited'
              and organisation_id in (select private.coordinated_organisation_ids()));

-- Security invoker on purpose (like need_guard_opening): accept_invitation runs as the owner
-- and passes; a person's own update cannot turn an invitation, or an ended membership, active.
create function private.membership_guard_consent() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user::text in ('authenticated', 'anon')
     and new.status in ('active', 'paused') and old.status not in ('active', 'paused') then
    raise exception 'membership_needs_consent' using errcode = 'P0001';
  end if;
  return new;
end
$$;
comment on function private.membership_guard_consent()
  is 'Only the person makes an invited or ended membership active (through accept_invitation); coordinators pause, resume, end and re-invite.';
revoke execute on function private.membership_guard_consent() from public;

create trigger memberships_guard_consent before update of status on public.memberships
  for each row execute function private.membership_guard_consent();

create function public.accept_invitation(p_organisation uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_membership uuid;
begin
  update public.memberships set status = 'active'
  where organisation_id = p_organisation and person_id = (select auth.uid())
    and role = 'helper' and status = 'invited'
  returning id into v_membership;
  if v_membership is null then perform private.fail('not_invited'); end if;
  return v_membership;
end
$$;
comment on function public.accept_invitation(uuid)
  is 'The current person accepts their invitation into the organisation''s pool; returns the membership. Raises not_invited unless they hold one.';

create function public.leave_pool(p_organisation uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_membership uuid;
begin
  update public.memberships set status = 'ended', ended_at = now()
  where organisation_id = p_organisation and person_id = (select auth.uid())
    and role = 'helper' and status <> 'ended'
  returning id into v_membership;
  if v_membership is null then perform private.fail('not_in_pool'); end if;
  return v_membership;
end
$$;
comment on function public.leave_pool(uuid)
  is 'The current person leaves the organisation''s pool (or declines its invitation); returns the membership. Raises not_in_pool unless they are in it.';

revoke execute on function public.accept_invitation(uuid), public.leave_pool(uuid) from public, anon;
grant execute on function public.accept_invitation(uuid), public.leave_pool(uuid) to authenticated, service_role;
