-- Citizens' suggestions of needs (co-production in planning) and the suggestions inbox: any
-- signed-in person suggests a need for a town; the coordinators of that town (its municipal
-- office and its nonprofits) answer a suggestion (status 'dismissed', shown as "answered", with an
-- answer its author reads) or adopt it for a need of their organisation. Which organisation
-- handled it and when is kept; which coordinator did is only in the ledger for an adoption.
--
-- Rules that hold however a row is written: a person makes at most five suggestions a day; a
-- suggestion is handled once, from 'new' to answered or adopted (with the need it became);
-- nobody handles their own suggestion (four eyes); its district and need belong to its town. The
-- ledger records suggestion_made and suggestion_adopted.

create type public.suggestion_status as enum ('new', 'adopted', 'dismissed');

create table public.need_suggestions (
  id uuid primary key default gen_random_uuid(),
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  district_id uuid references public.districts (id) on delete set null,
  author_id uuid references public.profiles (id) on delete set null,
  category public.need_category,
  target_group public.target_group,
  body text not null check (length(trim(body)) between 10 and 1000),
  status public.suggestion_status not null default 'new',
  need_id uuid references public.needs (id) on delete set null,
  created_at timestamptz not null default now(),
  answer text check (answer is null or length(trim(answer)) between 3 and 1000),
  handled_at timestamptz,
  handled_by_organisation_id uuid references public.organisations (id) on delete set null
);
create index need_suggestions_municipality_idx on public.need_suggestions (municipality_id, status);
create index need_suggestions_author_idx on public.need_suggestions (author_id);
create index need_suggestions_district_idx on public.need_suggestions (district_id);
create index need_suggestions_need_idx on public.need_suggestions (need_id);
create index need_suggestions_handled_by_idx on public.need_suggestions (handled_by_organisation_id);
comment on table public.need_suggestions is 'A citizen''s suggestion of a need in their neighbourhood; a coordinator may turn it into a need.';
comment on column public.need_suggestions.answer is 'The answer to the suggestion''s author (3–1000 characters), when it was answered rather than adopted.';
comment on column public.need_suggestions.handled_at is 'When it was answered or adopted.';
comment on column public.need_suggestions.handled_by_organisation_id is 'The organisation that answered or adopted it (never the person).';
alter table public.need_suggestions enable row level security;

-- Least data: coordinators read a suggestion, not who made it (author_id is left out of the
-- column grant); a person finds their own suggestions through private.my_suggestion_ids().
-- Suggestions are answered and adopted only through the verbs below, which check that the
-- coordinator acts for an organisation of the suggestion's town that they coordinate: no update
-- grant, no update policy.
grant select (id, municipality_id, district_id, category, target_group, body, status, need_id,
              created_at, answer, handled_at, handled_by_organisation_id)
  on public.need_suggestions to authenticated;
grant insert (municipality_id, district_id, author_id, category, target_group, body, status)
  on public.need_suggestions to authenticated;
grant all on public.need_suggestions to service_role;

create policy "People read their suggestions, coordinators their town's" on public.need_suggestions
  for select to authenticated
  using (author_id = (select auth.uid()) or municipality_id in (select private.coordinated_municipality_ids()));
create policy "Signed-in people suggest needs" on public.need_suggestions
  for insert to authenticated with check (author_id = (select auth.uid()) and status = 'new');
-- A suggestion's district and the need it became belong to its own town.
create function private.suggestion_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.district_id is not null and not exists (
       select 1 from public.districts d where d.id = new.district_id and d.municipality_id = new.municipality_id) then
    perform private.fail('district_outside_town');
  end if;
  if new.need_id is not null and not exists (
       select 1 from public.needs n where n.id = new.need_id and n.municipality_id = new.municipality_id) then
    perform private.fail('need_outside_town');
  end if;
  return new;
end
$$;
comment on function private.suggestion_guard() is
  'Refuses a suggestion whose district (district_outside_town) or adopted need (need_outside_town) lies in another town.';
create trigger need_suggestions_guard before insert or update on public.need_suggestions
  for each row execute function private.suggestion_guard();

create function private.my_suggestion_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query select s.id from public.need_suggestions s where s.author_id = (select auth.uid());
end
$$;
comment on function private.my_suggestion_ids() is
  'The current person''s own suggestions (the author column is not readable through the API).';
revoke execute on function private.my_suggestion_ids() from public, anon;
grant execute on function private.my_suggestion_ids() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Guards and the ledger
-- ---------------------------------------------------------------------------------------------
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

-- ---------------------------------------------------------------------------------------------
-- Verbs
-- ---------------------------------------------------------------------------------------------
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
