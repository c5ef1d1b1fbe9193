-- A match through to its end: the organisation completes an active match (with an optional
-- reason), and after that each side gives its feedback once; both go into the ledger.

-- Never one's own: a coordinator who is also the match's helper does not sign off their own help.
create function app.complete_match(p_match uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_match public.matches;
begin
  if length(p_reason) > 500 then perform private.fail('reason_too_long'); end if;
  v_match := private.lock_match(p_match);
  if v_actor is null or v_match.organisation_id not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  if v_match.helper_id = v_actor then perform private.fail('own_match'); end if;
  if v_match.status <> 'active' then perform private.fail('match_not_active'); end if;
  update public.matches
  set status = 'completed', ended_at = now(), updated_at = now(),
      end_reason = nullif(btrim(p_reason), '')
  where id = p_match;
  perform private.record_match_event('match_completed', p_match, v_match.municipal_involvement);
end
$$;
comment on function app.complete_match(uuid, text) is
  'A coordinator of the match''s organisation completes an active match (match_not_active otherwise), never one they help in (own_match), with an optional reason (reason_too_long over 500 characters); records match_completed with the town''s part in the match.';

grant execute on function app.complete_match(uuid, text) to authenticated, service_role;

-- Feedback: once per match and perspective, said clearly before the unique constraint would
-- say it as an error; every feedback is a ledger event.
create function private.feedback_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Said only to those who may rate this match; anyone else meets the insert policy instead.
  if exists (select 1 from public.feedback f
             where f.match_id = new.match_id and f.perspective = new.perspective)
     and ((select auth.uid()) is null
          or new.match_id in (select private.my_match_ids())
          or new.organisation_id in (select private.coordinated_organisation_ids())) then
    perform private.fail('feedback_given');
  end if;
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, need_id, match_id)
  select 'feedback_given', m.municipality_id, m.organisation_id, new.author_id, m.helper_id, m.need_id, m.id
  from public.matches m where m.id = new.match_id;
  return new;
end
$$;
comment on function private.feedback_record() is
  'Refuses a second feedback from the same perspective on a match (feedback_given) and records feedback_given in the involvement ledger.';

create trigger feedback_record before insert on public.feedback
  for each row execute function private.feedback_record();
