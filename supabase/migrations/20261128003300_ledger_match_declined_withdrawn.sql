-- The involvement ledger's match_declined and match_withdrawn, written once by the database when
-- a match ends that way, whichever verb ended it (app.decline_match, app.send_back_match,
-- app.withdraw_match, app.withdraw_match_with_reason, or the system): the trigger on
-- public.matches below is their only writer. The roles are 'informed' when the town says no to a
-- match waiting for it (app.send_back_match), none for the helper's or the organisation's decline
-- or withdrawal.
--
-- The ledger's writers, one per kind:
--   verbs:    need_approved (app.approve_need), need_sent_back (app.send_back_need),
--             match_proposed (app.propose_match), match_requested (app.request_match),
--             match_accepted (app.accept_match), match_approved (app.approve_match),
--             match_completed (app.complete_match), inspection_recorded (app.record_inspection);
--   triggers: need_posted, need_cancelled, need_completed (needs), match_declined,
--             match_withdrawn (matches), hours_confirmed, hours_rejected (hour_logs),
--             feedback_given (feedback), suggestion_made, suggestion_adopted (need_suggestions),
--             pool_invited (pool_invitations), pool_joined (memberships).

create function private.match_end_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_role public.involvement_role;
begin
  -- The town deciding on a match that waits for it, not as its helper or its organisation.
  if new.status = 'declined' and old.status = 'pending_approval' and v_actor is not null
     and v_actor is distinct from new.helper_id
     and new.municipality_id in (select private.governed_municipality_ids())
     and new.organisation_id not in (select private.coordinated_organisation_ids()) then
    v_role := 'informed';
  end if;
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, need_id, match_id, municipal_role)
  values (case new.status when 'declined' then 'match_declined'::public.involvement_kind
                          else 'match_withdrawn'::public.involvement_kind end,
          new.municipality_id, new.organisation_id, v_actor, new.helper_id, new.need_id, new.id, v_role);
  return null;
end
$$;
comment on function private.match_end_record() is
  'The only writer of match_declined and match_withdrawn: records the event when a match ends that way, acted by the current person (none for the system); informed when the town declines a match waiting for it, otherwise no role.';
revoke execute on function private.match_end_record() from public;

create trigger matches_record_end after update of status on public.matches
  for each row when (new.status in ('declined', 'withdrawn') and old.status is distinct from new.status)
  execute function private.match_end_record();
