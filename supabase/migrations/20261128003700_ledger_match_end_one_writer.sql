-- One writer per ledger event: match_declined and match_withdrawn are written only by the trigger
-- private.match_end_record() on public.matches (migration 20261128003300), whichever verb ends
-- the match. Until now app.send_back_match and app.withdraw_match_with_reason still wrote the same
-- event after their update, and a guard on public.involvement_events dropped that repeat: two
-- writers for one event, with a trigger that silently discards ledger rows.
--
-- This migration:
--  * replaces app.send_back_match (landed in 20261128002100_town_approval_queue.sql) with the same
--    definition minus its private.record_match_event('match_declined', …, 'informed'): the trigger
--    writes the event with the same actor and the same role ('informed': the town declines a
--    match waiting for it, not as its helper or organisation);
--  * replaces app.withdraw_match_with_reason (landed in 20261128001900_match_withdrawal_reason.sql)
--    with the same definition minus its private.record_match_event('match_withdrawn', …, null): the
--    trigger fires inside app.withdraw_match's update, acted by the same person, no role;
--  * drops the guard trigger involvement_events_match_end_once and its function
--    private.involvement_match_end_once(), so no ledger insert is ever dropped.
--
-- The ledger's writers after this (one per kind):
--   verbs:    need_approved (app.approve_need), need_sent_back (app.send_back_need),
--             match_proposed (app.propose_match), match_requested (app.request_match),
--             match_accepted (app.accept_match), match_approved (app.approve_match),
--             match_completed (app.complete_match), inspection_recorded (app.record_inspection);
--   triggers: need_posted, need_cancelled, need_completed (needs), match_declined,
--             match_withdrawn (matches), hours_confirmed, hours_rejected (hour_logs),
--             feedback_given (feedback), suggestion_made, suggestion_adopted (need_suggestions),
--             pool_invited (pool_invitations), pool_joined (memberships).

create or replace function app.send_back_match(p_match uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need_id uuid;
  v_match public.matches;
begin
  -- Lock order of the match verbs: the need, then the match.
  select m.need_id into v_need_id from public.matches m where m.id = p_match;
  if not found then perform private.fail('match_not_found'); end if;
  perform 1 from public.needs where id = v_need_id for update;
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

create or replace function app.withdraw_match_with_reason(p_match uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if length(p_reason) > 500 then perform private.fail('reason_too_long'); end if;
  -- The ledger's match_withdrawn is written by private.match_end_record() on app.withdraw_match's update.
  perform app.withdraw_match(p_match);
  update public.matches set end_reason = nullif(btrim(p_reason), '') where id = p_match;
end
$$;
comment on function app.withdraw_match_with_reason(uuid, text) is
  'Withdraws from a pending or active match as app.withdraw_match(uuid) does and keeps the optional reason (reason_too_long over 500 characters); match_withdrawn goes into the ledger through the trigger on matches.';

drop trigger involvement_events_match_end_once on public.involvement_events;
drop function private.involvement_match_end_once();

comment on function private.match_end_record() is
  'The only writer of match_declined and match_withdrawn: records the event when a match ends that way, acted by the current person (none for the system); informed when the town declines a match waiting for it, otherwise no role.';
