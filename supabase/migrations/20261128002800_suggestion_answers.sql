-- The suggestions inbox: a suggestion is answered (status 'dismissed', shown as "answered", with
-- an answer its author reads) or adopted (it became a need). Which organisation handled it and
-- when is kept; which coordinator did is only in the ledger for an adoption. Coordinators never
-- read who wrote a suggestion: author_id is left out of their column grant, and a person finds
-- their own suggestions through private.my_suggestion_ids().

alter table public.need_suggestions
  add column answer text check (answer is null or length(trim(answer)) between 3 and 1000),
  add column handled_at timestamptz,
  add column handled_by_organisation_id uuid references public.organisations (id) on delete set null;
create index need_suggestions_handled_by_idx on public.need_suggestions (handled_by_organisation_id);
comment on column public.need_suggestions.answer is 'The answer to the suggestion''s author (3–1000 characters), when it was answered rather than adopted.';
comment on column public.need_suggestions.handled_at is 'When it was answered or adopted.';
comment on column public.need_suggestions.handled_by_organisation_id is 'The organisation that answered or adopted it (never the person).';

-- Least data: coordinators read a suggestion, not who made it.
revoke select on public.need_suggestions from authenticated;
grant select (id, municipality_id, district_id, category, target_group, body, status, need_id,
              created_at, answer, handled_at, handled_by_organisation_id)
  on public.need_suggestions to authenticated;

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
