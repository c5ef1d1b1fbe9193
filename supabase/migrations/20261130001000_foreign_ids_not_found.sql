-- Another organisation's record answers as no record does, whatever its state (issue #11,
-- Security): the match, need, coordinator and invitation verbs answered `not_allowed` for a
-- record that exists but is not the caller's and `*_not_found` for none, so an id told whether
-- it existed; and they took (or waited for) the record's row locks before asking. Now each verb
-- first finds the record among those the caller is a party to, answers `*_not_found` otherwise,
-- and locks only then. A party who may not take this step (a helper completing, a town approving
-- outside its queue) still hears `not_allowed`: they read the record and its state anyway. For a
-- need the parties are its organisation's coordinators and, for the town's decisions, its town's
-- municipal coordinators; helpers read open needs too, but no verb here is theirs. The app logs
-- these not-found answers with the refusals (src/lib/server/http/refusals.ts), since its own
-- pages only send ids they have shown.

-- ---------------------------------------------------------------------------------------------
-- Matches: the parties are those the matches' read policy lets see the row
-- ---------------------------------------------------------------------------------------------
create function private.match_of_party(p_match uuid) returns public.matches
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_match public.matches;
begin
  -- The read policy of public.matches, asked for one row (tests/db/rls/foreign-ids.test.ts holds
  -- the two to the same answer for every person and match of the demo towns).
  select * into v_match from public.matches m
  where m.id = p_match
    and (m.helper_id = (select auth.uid())
         or m.organisation_id in (select private.coordinated_organisation_ids())
         or m.municipality_id in (select private.governed_municipality_ids()));
  if not found then perform private.fail('match_not_found'); end if;
  return v_match;
end
$$;
comment on function private.match_of_party(uuid) is
  'The match, unlocked, when the caller is its helper, coordinates its organisation or governs its town (the read policy of public.matches); match_not_found otherwise, whether or not it exists.';
revoke all on function private.match_of_party(uuid) from public, anon;
grant execute on function private.match_of_party(uuid) to authenticated, service_role;

create or replace function private.lock_match(p_match uuid) returns public.matches
language plpgsql security definer set search_path = ''
as $$
declare
  v_match public.matches := private.match_of_party(p_match);
begin
  perform private.lock_need_and_offer(v_match.need_id, v_match.helper_id);
  select * into v_match from public.matches m where m.id = p_match for update;
  return v_match;
end
$$;

create or replace function app.decline_match(p_match uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_match public.matches := private.match_of_party(p_match);
begin
  perform 1 from public.needs where id = v_match.need_id for update;
  select * into v_match from public.matches m where m.id = p_match for update;

  if not coalesce(v_actor = v_match.helper_id
                  or v_match.organisation_id in (select private.coordinated_organisation_ids())
                  or (v_match.status = 'pending_approval'
                      and v_match.municipality_id in (select private.governed_municipality_ids())), false) then
    perform private.fail('not_allowed');
  end if;
  if v_match.status not in ('proposed', 'requested', 'pending_approval') then
    perform private.fail('match_not_pending');
  end if;
  update public.matches set status = 'declined', ended_at = now(), updated_at = now() where id = p_match;
end
$$;

create or replace function app.withdraw_match(p_match uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_match public.matches := private.match_of_party(p_match);
begin
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
  -- A matched need opens again only when this match held a place and a place is now free.
  if v_match.status in ('pending_approval', 'active')
     and (select count(*) from public.matches m
          where m.need_id = v_need.id and m.status in ('pending_approval', 'active')) < v_need.helpers_wanted then
    update public.needs set status = 'open', updated_at = now() where id = v_need.id and status = 'matched';
  end if;
end
$$;

create or replace function app.send_back_match(p_match uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_match public.matches := private.match_of_party(p_match);
begin
  -- Lock order of the match verbs: the need, then the match.
  perform 1 from public.needs where id = v_match.need_id for update;
  select * into v_match from public.matches m where m.id = p_match for update;

  if v_actor is null or v_match.municipality_id not in (select private.governed_municipality_ids()) then
    perform private.fail('not_allowed');
  end if;
  -- Four eyes, as app.approve_match: the town's decision is never one's own match.
  if v_actor = v_match.helper_id or v_actor = v_match.proposed_by
     or v_match.organisation_id in (select private.coordinated_organisation_ids()) then
    perform private.fail('own_match');
  end if;
  if v_match.status <> 'pending_approval' then perform private.fail('match_not_pending'); end if;
  if length(trim(coalesce(p_reason, ''))) not between 3 and 500 then perform private.fail('reason_required'); end if;

  -- The ledger's match_declined ('informed') is written by private.match_end_record() on this update.
  update public.matches set status = 'declined', ended_at = now(), updated_at = now(), end_reason = trim(p_reason)
  where id = p_match;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Needs: a coordinator proposes for their organisation's needs, a town decides on its own
-- ---------------------------------------------------------------------------------------------
create or replace function app.propose_match(p_need uuid, p_helper uuid, p_score numeric default null,
                                             p_initiated_by public.match_initiator default 'coordinator')
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_match uuid;
  v_role public.involvement_role;
begin
  if p_initiated_by = 'helper' then perform private.fail('not_allowed'); end if;
  if p_helper = v_actor then perform private.fail('own_match'); end if;
  -- Another organisation's need, open or not, is none to propose for; nothing is locked for it.
  if not (private.is_system_caller()
          or exists (select 1 from public.needs n
                     where n.id = p_need
                       and n.organisation_id in (select private.coordinated_organisation_ids()))) then
    perform private.fail('need_not_found');
  end if;
  -- So is a helper with no offer in the need's town, whatever an offer elsewhere says (the town's
  -- helpers are the ones its coordinators' candidate lists name); nothing is locked for them.
  if not exists (select 1 from public.offers o join public.needs n on n.id = p_need
                 where o.helper_id = p_helper and o.municipality_id = n.municipality_id) then
    perform private.fail('no_offer');
  end if;
  v_need := private.lock_need_and_offer(p_need, p_helper);
  perform private.check_need_has_room(v_need, null);
  perform private.check_pair(p_need, p_helper, null);
  v_role := private.match_involvement(v_need);
  insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by, score,
                              organisation_accepted_at, municipal_involvement)
  values (p_need, p_helper, 'proposed', p_initiated_by, v_actor, p_score, now(), v_role)
  returning id into v_match;
  perform private.record_match_event('match_proposed', v_match, v_role);
  return v_match;
end
$$;

create or replace function private.lock_need_for_town(p_need uuid) returns public.needs
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
begin
  -- Another town's need is none to decide on, whatever its state, and nothing is locked for it;
  -- the coordinator of the need's own organisation reads it and hears not_allowed.
  select * into v_need from public.needs n
  where n.id = p_need
    and (n.municipality_id in (select private.governed_municipality_ids())
         or n.organisation_id in (select private.coordinated_organisation_ids()));
  if v_actor is null or not found then perform private.fail('need_not_found'); end if;
  if v_need.municipality_id not in (select private.governed_municipality_ids()) then
    perform private.fail('not_allowed');
  end if;
  select * into v_need from public.needs where id = p_need for update;
  if v_need.created_by = v_actor or v_need.organisation_id in (select private.coordinated_organisation_ids()) then
    perform private.fail('own_need');
  end if;
  if v_need.status <> 'pending_approval' then perform private.fail('need_not_pending'); end if;
  return v_need;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Coordinators and invitations of another organisation
-- ---------------------------------------------------------------------------------------------
create or replace function app.remove_coordinator(p_membership uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_organisation uuid;
  v public.memberships;
begin
  select m.organisation_id into v_organisation from public.memberships m
  where m.id = p_membership and m.role = 'coordinator'
    and m.organisation_id in (select private.coordinated_organisation_ids());
  if v_organisation is null then perform private.fail('coordinator_not_found'); end if;
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
  'An active coordinator of the organisation removes a coordinator (themselves included) from it. Raises coordinator_not_found (also for another organisation''s), last_coordinator.';

create or replace function private.open_coordinator_invitation(p_invitation uuid) returns public.coordinator_invitations
language plpgsql security definer set search_path = ''
as $$
declare
  v public.coordinator_invitations;
begin
  select * into v from public.coordinator_invitations where id = p_invitation;
  if v.id is null or not private.may_invite_coordinators(v.organisation_id) then
    perform private.fail('invitation_not_found');
  end if;
  select * into v from public.coordinator_invitations where id = p_invitation for update;
  if v.membership_id is not null and not exists (
       select 1 from public.memberships m where m.id = v.membership_id and m.status = 'invited') then
    perform private.fail('invitation_not_found');
  end if;
  return v;
end
$$;
comment on function private.open_coordinator_invitation(uuid) is
  'Locks a coordinator invitation the current person may act on and that is not answered yet; raises invitation_not_found for any other, another organisation''s too.';

create or replace function private.open_pool_invitation(p_invitation uuid) returns public.pool_invitations
language plpgsql security definer set search_path = ''
as $$
declare
  v public.pool_invitations;
begin
  select * into v from public.pool_invitations i
  where i.id = p_invitation and i.organisation_id in (select private.coordinated_organisation_ids())
  for update;
  if v.id is null then perform private.fail('invitation_not_found'); end if;
  if v.membership_id is not null and not exists (
       select 1 from public.memberships m where m.id = v.membership_id and m.status = 'invited') then
    perform private.fail('invitation_not_found');
  end if;
  return v;
end
$$;
comment on function private.open_pool_invitation(uuid) is
  'Locks an invitation the current person coordinates and that is not answered yet; raises invitation_not_found for any other, another organisation''s too.';

-- ---------------------------------------------------------------------------------------------
-- A helper asks for a need they can read; a coordinator adopts a suggestion into their own need
-- ---------------------------------------------------------------------------------------------
create or replace function app.request_match(p_need uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_match uuid;
  v_role public.involvement_role;
begin
  if v_actor is null then perform private.fail('not_allowed'); end if;
  -- A need the caller cannot read (the needs' read policy: open and matched ones, their matched
  -- needs, their organisations', their town's once sent) is none, whatever its state; nothing is
  -- locked for it.
  if not exists (
       select 1 from public.needs n
       where n.id = p_need
         and (n.status in ('open', 'matched')
              or n.id in (select private.my_matched_need_ids())
              or n.organisation_id in (select private.coordinated_organisation_ids())
              or (n.municipality_id in (select private.governed_municipality_ids())
                  and (n.status <> 'draft' or n.sent_back_at is not null)))) then
    perform private.fail('need_not_found');
  end if;
  v_need := private.lock_need_and_offer(p_need, v_actor);
  perform private.check_need_has_room(v_need, null);
  perform private.check_pair(p_need, v_actor, null);
  v_role := private.match_involvement(v_need);
  insert into public.matches (need_id, helper_id, status, initiated_by, helper_accepted_at, municipal_involvement)
  values (p_need, v_actor, 'requested', 'helper', now(), v_role)
  returning id into v_match;
  perform private.record_match_event('match_requested', v_match, v_role);
  return v_match;
end
$$;

create or replace function app.adopt_suggestion(p_suggestion uuid, p_need uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_organisation uuid;
begin
  -- Only a need of the caller's own organisations; another's is none.
  select n.organisation_id into v_organisation from public.needs n
  where n.id = p_need and n.organisation_id in (select private.coordinated_organisation_ids());
  if v_organisation is null then perform private.fail('need_not_found'); end if;
  perform private.suggestion_for_handling(p_suggestion, v_organisation);
  update public.need_suggestions set status = 'adopted', need_id = p_need where id = p_suggestion;
end
$$;
