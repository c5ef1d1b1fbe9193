-- The town's approval queue: a municipal coordinator sends a match waiting for the town back
-- with a reason both sides read (needs already have app.send_back_need), and sees whether the
-- §72a rule holds for a match it decides on — a yes or no, never the record itself.

-- ---------------------------------------------------------------------------------------------
-- Verb: the town says no to a match waiting for it, saying why
-- ---------------------------------------------------------------------------------------------
create function app.send_back_match(p_match uuid, p_reason text) returns void
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
comment on function app.send_back_match(uuid, text) is
  'A municipal coordinator of the match''s town declines a match waiting for the town, with the reason (3–500 characters) the helper and the organisation read; never a match they help in, proposed or whose organisation they coordinate (own_match). The declined pair is not proposed again; the place it held is free.';

grant execute on function app.send_back_match(uuid, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- What the town may know of §72a for a match it decides on
-- ---------------------------------------------------------------------------------------------
create function private.town_match_inspection_valid(p_match uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.inspection_valid(m.helper_id, m.need_id)
  from public.matches m
  join public.needs n on n.id = m.need_id
  where m.id = p_match and n.requires_72a and m.status = 'pending_approval'
    and m.municipality_id in (select private.governed_municipality_ids())
$$;
comment on function private.town_match_inspection_valid(uuid) is
  'For a municipal coordinator of the match''s town, while the match waits for the town and its need requires §72a: whether a valid inspection counts for it (only a boolean leaves it). Null for anyone else, any other match, or a need without §72a.';

grant execute on function private.town_match_inspection_valid(uuid) to authenticated, service_role;
