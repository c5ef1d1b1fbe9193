-- The verbs of the suggestions inbox. Any signed-in person suggests a need for a town; the
-- coordinators of that town (its municipal office and its nonprofits) answer a suggestion or
-- adopt it for a need of their organisation. The guards of 20261128002810 (five a day, handled
-- once, never one's own) and 20261128001100 (district and need of the same town) apply.

create function app.suggest_need(p_municipality uuid, p_district uuid, p_body text) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_body text := trim(coalesce(p_body, ''));
  v_id uuid;
begin
  if v_me is null then perform private.fail('not_allowed'); end if;
  if not exists (select 1 from public.municipalities mu where mu.id = p_municipality) then
    perform private.fail('suggestion_unknown_town');
  end if;
  if length(v_body) not between 10 and 1000 then
    perform private.fail('suggestion_length');
  end if;
  insert into public.need_suggestions (municipality_id, district_id, author_id, body)
  values (p_municipality, p_district, v_me, v_body)
  returning id into v_id;
  return v_id;
end
$$;
comment on function app.suggest_need(uuid, uuid, text) is
  'The current person suggests a need for a town (suggestion_unknown_town), optionally in one of its districts (district_outside_town), in 10–1000 characters (suggestion_length); at most five a day (suggestion_limit_reached). Returns the suggestion''s id.';
revoke execute on function app.suggest_need(uuid, uuid, text) from public, anon;
grant execute on function app.suggest_need(uuid, uuid, text) to authenticated;

-- A suggestion the caller may handle for the organisation: of the organisation's town, locked.
-- Another town's suggestion is "not found", as it is invisible to them.
create function private.suggestion_for_handling(p_suggestion uuid, p_organisation uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_id uuid;
begin
  if (select auth.uid()) is null
     or p_organisation is null
     or p_organisation not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  select s.id into v_id from public.need_suggestions s
  join public.organisations o on o.municipality_id = s.municipality_id and o.id = p_organisation
  where s.id = p_suggestion
  for update of s;
  if v_id is null then perform private.fail('suggestion_not_found'); end if;
  return v_id;
end
$$;
comment on function private.suggestion_for_handling(uuid, uuid) is
  'Locks a suggestion of the organisation''s town for a coordinator of that organisation (not_allowed, suggestion_not_found).';
revoke execute on function private.suggestion_for_handling(uuid, uuid) from public;

create function app.answer_suggestion(p_suggestion uuid, p_organisation uuid, p_answer text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_answer text := trim(coalesce(p_answer, ''));
begin
  perform private.suggestion_for_handling(p_suggestion, p_organisation);
  if length(v_answer) not between 3 and 1000 then
    perform private.fail('suggestion_answer_required');
  end if;
  update public.need_suggestions
  set status = 'dismissed', answer = v_answer, handled_by_organisation_id = p_organisation
  where id = p_suggestion;
end
$$;
comment on function app.answer_suggestion(uuid, uuid, text) is
  'A coordinator of an organisation of the suggestion''s town answers it (3–1000 characters its author reads) instead of adopting it; once (suggestion_already_handled), never their own (suggestion_own).';
revoke execute on function app.answer_suggestion(uuid, uuid, text) from public, anon;
grant execute on function app.answer_suggestion(uuid, uuid, text) to authenticated;

create function app.adopt_suggestion(p_suggestion uuid, p_need uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_organisation uuid;
begin
  select n.organisation_id into v_organisation from public.needs n where n.id = p_need;
  if v_organisation is null then perform private.fail('need_not_found'); end if;
  perform private.suggestion_for_handling(p_suggestion, v_organisation);
  update public.need_suggestions set status = 'adopted', need_id = p_need where id = p_suggestion;
end
$$;
comment on function app.adopt_suggestion(uuid, uuid) is
  'A coordinator turns a suggestion of their town into a need of their organisation (called in the transaction that creates the need): adopted, linked to the need, suggestion_adopted in the ledger; once, never their own.';
revoke execute on function app.adopt_suggestion(uuid, uuid) from public, anon;
grant execute on function app.adopt_suggestion(uuid, uuid) to authenticated;
