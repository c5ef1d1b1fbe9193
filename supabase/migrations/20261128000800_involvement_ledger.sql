-- Involvement ledger (Koproduktions-Protokoll): append-only events with who acted and the
-- municipality's role in each. Written by verbs and triggers, one writer per kind (the list is in
-- 20261128003300_ledger_writers); read by people as their policies say.

create type public.involvement_kind as enum
  ('need_posted', 'need_approved', 'need_sent_back', 'need_cancelled', 'need_completed',
   'match_proposed', 'match_requested', 'match_accepted', 'match_declined', 'match_withdrawn',
   'match_approved', 'match_completed', 'inspection_recorded', 'hours_confirmed', 'hours_rejected',
   'feedback_given', 'suggestion_made', 'suggestion_adopted', 'pool_invited', 'pool_joined');

create table public.involvement_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  kind public.involvement_kind not null,
  municipality_id uuid not null references public.municipalities (id) on delete restrict,
  organisation_id uuid references public.organisations (id) on delete set null,
  actor_id uuid references public.profiles (id) on delete set null,
  helper_id uuid references public.profiles (id) on delete set null,
  need_id uuid references public.needs (id) on delete set null,
  match_id uuid references public.matches (id) on delete set null,
  -- null: the municipality took no part in this event.
  municipal_role public.involvement_role
);
create index involvement_events_municipality_idx on public.involvement_events (municipality_id, occurred_at);
create index involvement_events_organisation_idx on public.involvement_events (organisation_id);
create index involvement_events_actor_idx on public.involvement_events (actor_id);
create index involvement_events_helper_idx on public.involvement_events (helper_id);
create index involvement_events_need_idx on public.involvement_events (need_id);
create index involvement_events_match_idx on public.involvement_events (match_id);
comment on table public.involvement_events is 'Who did what, and the municipality''s role in it. Rows are never changed; erasing a person only blanks their references.';
alter table public.involvement_events enable row level security;

grant select on public.involvement_events to authenticated;
grant all on public.involvement_events to service_role;

create policy "People read the ledger about them, coordinators their own" on public.involvement_events
  for select to authenticated
  using (actor_id = (select auth.uid())
         or helper_id = (select auth.uid())
         or organisation_id in (select private.coordinated_organisation_ids())
         or municipality_id in (select private.governed_municipality_ids()));

-- The ledger is append-only: no deletes; updates only blank person references on erasure.
create function private.involvement_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    perform private.fail('involvement_events_append_only');
  end if;
  if (new.id, new.occurred_at, new.kind, new.municipality_id, new.municipal_role)
       is distinct from (old.id, old.occurred_at, old.kind, old.municipality_id, old.municipal_role)
     or (new.organisation_id is distinct from old.organisation_id and new.organisation_id is not null)
     or (new.actor_id is distinct from old.actor_id and new.actor_id is not null)
     or (new.helper_id is distinct from old.helper_id and new.helper_id is not null)
     or (new.need_id is distinct from old.need_id and new.need_id is not null)
     or (new.match_id is distinct from old.match_id and new.match_id is not null) then
    perform private.fail('involvement_events_append_only');
  end if;
  return new;
end
$$;
create trigger involvement_events_append_only before update or delete on public.involvement_events
  for each row execute function private.involvement_append_only();
comment on function private.involvement_append_only() is 'Refuses deleting ledger events and changing them other than blanking a reference.';
