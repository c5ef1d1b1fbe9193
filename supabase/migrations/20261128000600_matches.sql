-- Matches: need × helper. Created and moved on only by the match verbs (the matching file);
-- people read them here.

create type public.match_status as enum
  ('proposed', 'requested', 'pending_approval', 'active', 'completed', 'declined', 'withdrawn');
create type public.match_initiator as enum ('coordinator', 'helper', 'batch');
create type public.involvement_role as enum ('initiated', 'approved', 'verified', 'co_produced', 'informed');

create table public.matches (
  id uuid primary key default gen_random_uuid(),
  need_id uuid not null references public.needs (id) on delete cascade,
  -- A match and its hours outlive the helper's account with no helper (app.delete_my_account):
  -- the town's confirmed hours and matches must not shrink when someone leaves.
  helper_id uuid references public.profiles (id) on delete set null,
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  status public.match_status not null,
  initiated_by public.match_initiator not null,
  proposed_by uuid references public.profiles (id) on delete set null,
  score numeric(6, 2) check (score between 0 and 100),
  helper_accepted_at timestamptz,
  organisation_accepted_at timestamptz,
  approved_at timestamptz,
  approved_by uuid references public.profiles (id) on delete set null,
  activated_at timestamptz,
  ended_at timestamptz,
  municipal_involvement public.involvement_role,
  first_with_municipality boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  end_reason text check (end_reason is null or length(end_reason) <= 500),
  unique (need_id, helper_id),
  -- Only a closed match may lose its helper: a proposal made while the helper deletes their
  -- account makes the deletion fail (and be retried) instead of leaving an open match with nobody.
  constraint matches_open_has_helper
    check (helper_id is not null or status in ('completed', 'declined', 'withdrawn'))
);
create index matches_helper_idx on public.matches (helper_id, status);
create index matches_organisation_idx on public.matches (organisation_id, status);
create index matches_municipality_idx on public.matches (municipality_id, status);
create index matches_proposed_by_idx on public.matches (proposed_by);
create index matches_approved_by_idx on public.matches (approved_by);
comment on table public.matches is 'A need × helper pairing; a declined pair stays, so it is never proposed again.';
comment on column public.matches.helper_id is 'The helper; null once they deleted their account.';
comment on column public.matches.end_reason is 'Why the match ended, in the words of whoever ended it (withdrawn, completed, or declined by the town); whoever reads the match reads it (the helper, the organisation, the town that governs it).';
comment on column public.matches.score is 'The proposal''s score as the server computed it from the candidate facts (src/lib/domain/matching/score.ts).';
comment on column public.matches.activated_at is 'When the match became active: hours are logged from that day on.';
comment on column public.matches.first_with_municipality is 'The helper''s first match in which their municipality took part: the "1 in 10" made countable.';
alter table public.matches enable row level security;

-- No insert, update or delete for people: only the verbs, which check every rule under locks.
grant select on public.matches to authenticated;
grant all on public.matches to service_role;

create policy "Helpers read their matches, coordinators their organisation's" on public.matches
  for select to authenticated
  using (helper_id = (select auth.uid())
         or organisation_id in (select private.coordinated_organisation_ids())
         or municipality_id in (select private.governed_municipality_ids()));

-- Organisation and town come from the need, never from the caller.
create function private.match_derive_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  select n.organisation_id, n.municipality_id into new.organisation_id, new.municipality_id
  from public.needs n where n.id = new.need_id;
  return new;
end
$$;
comment on function private.match_derive_owner() is 'Sets a new match''s organisation and municipality from its need.';
create trigger matches_derive before insert on public.matches
  for each row execute function private.match_derive_owner();
