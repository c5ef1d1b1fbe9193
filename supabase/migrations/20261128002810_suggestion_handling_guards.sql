-- Rules of the suggestions inbox that hold whichever way a row is written (the verbs of
-- 20261128002820, or the municipal coordinators' update policy of 20261128001100):
-- a person makes at most five suggestions a day; a suggestion is handled once, from 'new' to
-- answered ('dismissed' with an answer) or adopted (with the need it became); nobody handles
-- their own suggestion (four eyes). The ledger records suggestion_made and suggestion_adopted.

create function private.suggestion_limit() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if (select auth.uid()) is null or new.author_id is null then
    return new;
  end if;
  -- One author at a time: two suggestions sent at once cannot both pass the count.
  perform 1 from public.profiles p where p.id = new.author_id for update;
  if (select count(*) from public.need_suggestions s
      where s.author_id = new.author_id and s.created_at > now() - interval '1 day') >= 5 then
    perform private.fail('suggestion_limit_reached');
  end if;
  return new;
end
$$;
comment on function private.suggestion_limit() is
  'Refuses a person''s sixth suggestion within 24 hours (suggestion_limit_reached).';
revoke execute on function private.suggestion_limit() from public;

create trigger need_suggestions_limit before insert on public.need_suggestions
  for each row execute function private.suggestion_limit();

create function private.suggestion_handling_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Blanking a reference (the need, the district, the author or the organisation was deleted)
  -- is not handling the suggestion.
  if new.status is not distinct from old.status and new.answer is not distinct from old.answer
     and (new.need_id is null or new.need_id is not distinct from old.need_id)
     and (new.handled_by_organisation_id is null
          or new.handled_by_organisation_id is not distinct from old.handled_by_organisation_id) then
    return new;
  end if;
  if old.status <> 'new' then
    perform private.fail('suggestion_already_handled');
  end if;
  if new.status = 'new' then
    perform private.fail('suggestion_status_not_allowed');
  end if;
  if (select auth.uid()) is not null and old.author_id = (select auth.uid()) then
    perform private.fail('suggestion_own');
  end if;
  if new.status = 'adopted' then
    if new.need_id is null then
      perform private.fail('suggestion_need_required');
    end if;
    new.handled_by_organisation_id := (select n.organisation_id from public.needs n where n.id = new.need_id);
  else
    if new.need_id is not null then
      perform private.fail('suggestion_status_not_allowed');
    end if;
    if new.answer is null then
      perform private.fail('suggestion_answer_required');
    end if;
    if new.handled_by_organisation_id is not null and not exists (
         select 1 from public.organisations o
         where o.id = new.handled_by_organisation_id and o.municipality_id = new.municipality_id) then
      perform private.fail('not_allowed');
    end if;
  end if;
  new.handled_at := now();
  return new;
end
$$;
comment on function private.suggestion_handling_guard() is
  'A suggestion is handled once (suggestion_already_handled), never by its author (suggestion_own): adopted with its need (suggestion_need_required), whose organisation is recorded as the handler, or answered with an answer (suggestion_answer_required) by an organisation of its town.';
revoke execute on function private.suggestion_handling_guard() from public;

create trigger need_suggestions_handling before update on public.need_suggestions
  for each row execute function private.suggestion_handling_guard();

-- Security definer: people read the ledger but never write it. Only when a person acts (the seed
-- writes its own history).
create function private.suggestion_record_events() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if (select auth.uid()) is null then
    return null;
  end if;
  if tg_op = 'INSERT' then
    -- The citizen tells the town what is missing. Without the actor: the town reads its ledger,
    -- and the event's time next to the suggestion's would name the author it must not learn.
    insert into public.involvement_events (kind, municipality_id, municipal_role)
    values ('suggestion_made', new.municipality_id, 'informed'::public.involvement_role);
  elsif new.status = 'adopted' and old.status <> 'adopted' then
    -- The town's own office turning a citizen's suggestion into a need is planning co-produced
    -- with its citizens; a nonprofit doing it informs the town, whose inbox it was.
    insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, need_id, municipal_role)
    select 'suggestion_adopted', new.municipality_id, o.id, (select auth.uid()), new.need_id,
           case when o.kind = 'municipal' then 'co_produced'::public.involvement_role
                else 'informed'::public.involvement_role end
    from public.organisations o where o.id = new.handled_by_organisation_id;
  end if;
  return null;
end
$$;
comment on function private.suggestion_record_events() is
  'Writes suggestion_made (the town informed; no actor, so the town never learns the author) when a person suggests, and suggestion_adopted when a suggestion becomes a need (co_produced when the town''s own office adopts it, informed when a nonprofit does), only when a person acts.';
revoke execute on function private.suggestion_record_events() from public;

create trigger need_suggestions_record_events after insert or update of status on public.need_suggestions
  for each row execute function private.suggestion_record_events();
