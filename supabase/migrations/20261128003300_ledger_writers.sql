-- The involvement ledger's events that the database writes from the row that changed, whichever
-- page or verb changed it (a need's events only when a person acts: the seed writes its own), so
-- none is forgotten or written twice. The verbs write the town's approvals, its sending back of a
-- need, and the other match steps.
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
-- The writers on feedback and need_suggestions live with those tables (20261128001100_feedback,
-- 20261128002800_suggestions); the others are below.

-- ---------------------------------------------------------------------------------------------
-- Needs: posted, cancelled, completed
-- ---------------------------------------------------------------------------------------------
-- Security definer: people may read the ledger but never write it. It writes only for a person
-- (claims present): the seed and system jobs write their own history.
create function private.need_record_events() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_kind public.involvement_kind;
  v_role public.involvement_role;
begin
  if v_actor is null then
    return null;
  end if;
  if new.status in ('pending_approval', 'open') and (tg_op = 'INSERT' or old.status = 'draft') then
    -- Posted: the first time it leaves draft (a need sent back and posted again was posted once).
    v_kind := 'need_posted';
    v_role := case when (select o.kind from public.organisations o where o.id = new.organisation_id) = 'municipal'
                   then 'initiated'::public.involvement_role end;
  elsif tg_op = 'UPDATE' and new.status = 'cancelled' and old.status <> 'cancelled'
        -- A draft that was never posted leaves no trace in the ledger.
        and (old.status <> 'draft' or exists (select 1 from public.involvement_events e
                                               where e.need_id = new.id and e.kind = 'need_posted')) then
    v_kind := 'need_cancelled';
    v_role := private.match_involvement(new);
  elsif tg_op = 'UPDATE' and new.status = 'completed' and old.status <> 'completed' then
    v_kind := 'need_completed';
    v_role := private.match_involvement(new);
  else
    return null;
  end if;
  if exists (select 1 from public.involvement_events e where e.need_id = new.id and e.kind = v_kind) then
    return null;
  end if;
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, need_id, municipal_role)
  values (v_kind, new.municipality_id, new.organisation_id, v_actor, new.id, v_role);
  return null;
end
$$;
comment on function private.need_record_events() is
  'Writes need_posted (the first time a need leaves draft; initiated when a municipal office posts it), need_cancelled (unless it was a draft never posted) and need_completed (initiated for a municipal office''s need, informed when the town approved it), each once per need and only when a person acts.';
revoke execute on function private.need_record_events() from public;

create trigger needs_z_record_events after insert or update of status on public.needs
  for each row execute function private.need_record_events();

-- ---------------------------------------------------------------------------------------------
-- Matches: declined, withdrawn
-- ---------------------------------------------------------------------------------------------
-- Whichever verb ended it (app.decline_match, app.send_back_match, app.withdraw_match,
-- app.withdraw_match_with_reason, or the system). The role is 'informed' when the town says no to a
-- match waiting for it (app.send_back_match), none for the helper's or the organisation's decline or
-- withdrawal.
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

-- ---------------------------------------------------------------------------------------------
-- Hours reviewed, pool joined
-- ---------------------------------------------------------------------------------------------
create function private.hour_log_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, need_id, match_id, municipal_role)
  select case new.status when 'confirmed' then 'hours_confirmed'::public.involvement_kind
                          else 'hours_rejected'::public.involvement_kind end,
         new.municipality_id, new.organisation_id, new.reviewed_by, new.helper_id, m.need_id, new.match_id,
         -- The town's own office confirming hours is the town verifying citizens' work.
         case when o.kind = 'municipal' then 'verified'::public.involvement_role end
  from public.matches m
  join public.organisations o on o.id = new.organisation_id
  where m.id = new.match_id;
  return new;
end
$$;
comment on function private.hour_log_record() is
  'Records hours_confirmed or hours_rejected when a log is reviewed, with the reviewer as actor; verified when the reviewing organisation is the town''s own office.';

create trigger hour_logs_c_record after update of status on public.hour_logs
  for each row when (old.status = 'logged' and new.status in ('confirmed', 'rejected'))
  execute function private.hour_log_record();

create function private.membership_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, municipal_role)
  select 'pool_joined', o.municipality_id, o.id, new.person_id, new.person_id,
         case when o.kind = 'municipal' then 'co_produced'::public.involvement_role end
  from public.organisations o where o.id = new.organisation_id;
  return new;
end
$$;
comment on function private.membership_record() is
  'Records pool_joined when a person says yes to a pool (an invitation becomes active); co_produced when the pool is the town''s own office''s.';

create trigger memberships_record after update of status on public.memberships
  for each row when (new.role = 'helper' and old.status = 'invited' and new.status = 'active')
  execute function private.membership_record();

-- ---------------------------------------------------------------------------------------------
-- Pool invitations
-- ---------------------------------------------------------------------------------------------
-- Every invitation into a pool, whichever verb wrote it (app.invite_to_pool with or without an
-- account). The address is not recorded: only the organisation, the inviter and, where the
-- address already has an account, the invited person.
create function private.pool_invitation_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, municipal_role)
  select 'pool_invited', o.municipality_id, o.id, new.invited_by,
         (select ms.person_id from public.memberships ms where ms.id = new.membership_id),
         -- The town's own office inviting a citizen is the town reaching out: it initiated it.
         case when o.kind = 'municipal' then 'initiated'::public.involvement_role end
  from public.organisations o where o.id = new.organisation_id;
  return null;
end
$$;
comment on function private.pool_invitation_record() is
  'Records pool_invited for a new pool invitation (actor the inviter, helper the invited person where the address has an account); initiated when the pool is the town''s own office''s.';
revoke execute on function private.pool_invitation_record() from public;

create trigger pool_invitations_record after insert on public.pool_invitations
  for each row execute function private.pool_invitation_record();
