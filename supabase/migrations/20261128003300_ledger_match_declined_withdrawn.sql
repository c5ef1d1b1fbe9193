-- The involvement ledger's match_declined and match_withdrawn, written once by the database when
-- a match ends that way, whichever verb ended it: app.decline_match and the one-argument
-- app.withdraw_match wrote nothing (the system may still call the latter directly), while
-- app.send_back_match and app.withdraw_match_with_reason wrote the event after their update.
--
-- One mechanism per event: the trigger on public.matches below is the writer. It fires inside
-- the verb's update, before the two verbs that wrote the event themselves reach their own
-- insert; that later insert is then dropped by the guard on public.involvement_events (a match is
-- declined or withdrawn at most once, so a second such event for it is always a repeat). The
-- roles stay as those verbs set them: 'informed' when the town says no to a match waiting for it
-- (as app.send_back_match), none for the helper's or the organisation's decline or withdrawal
-- (as app.withdraw_match_with_reason).

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
  'Records match_declined or match_withdrawn when a match ends that way, acted by the current person (none for the system); informed when the town declines a match waiting for it, otherwise no role.';
revoke execute on function private.match_end_record() from public;

create trigger matches_record_end after update of status on public.matches
  for each row when (new.status in ('declined', 'withdrawn') and old.status is distinct from new.status)
  execute function private.match_end_record();

create function private.involvement_match_end_once() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.involvement_events e where e.match_id = new.match_id and e.kind = new.kind) then
    return null;
  end if;
  return new;
end
$$;
comment on function private.involvement_match_end_once() is
  'Drops a second match_declined or match_withdrawn for the same match: private.match_end_record() has written it already (the explicit write of app.send_back_match and app.withdraw_match_with_reason comes after).';
revoke execute on function private.involvement_match_end_once() from public;

create trigger involvement_events_match_end_once before insert on public.involvement_events
  for each row when (new.kind in ('match_declined', 'match_withdrawn') and new.match_id is not null)
  execute function private.involvement_match_end_once();
