-- Feedback after a match ends.

create type public.feedback_perspective as enum ('helper', 'coordinator', 'beneficiary');

-- ---------------------------------------------------------------------------------------------
-- Feedback
-- ---------------------------------------------------------------------------------------------
create table public.feedback (
  id uuid primary key default gen_random_uuid(),
  match_id uuid not null references public.matches (id) on delete cascade,
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  perspective public.feedback_perspective not null,
  rating smallint not null check (rating between 1 and 5),
  comment text not null default '' check (length(comment) <= 1000),
  created_at timestamptz not null default now(),
  unique (match_id, perspective)
);
create index feedback_organisation_idx on public.feedback (organisation_id);
create index feedback_author_idx on public.feedback (author_id);
comment on table public.feedback is 'Ratings after a match ends, from the helper, the coordinator, or recorded for the beneficiary.';
alter table public.feedback enable row level security;

grant select on public.feedback to authenticated;
grant insert (match_id, author_id, perspective, rating, comment) on public.feedback to authenticated;
grant all on public.feedback to service_role;

create policy "Helpers and coordinators read feedback on their matches" on public.feedback
  for select to authenticated
  using (match_id in (select private.my_match_ids())
         or organisation_id in (select private.coordinated_organisation_ids()));
-- The helper speaks for themselves; coordinators for the organisation and the beneficiary, never
-- on a match they help in.
create policy "Helpers and coordinators rate their completed matches" on public.feedback
  for insert to authenticated
  with check (author_id = (select auth.uid())
              and ((perspective = 'helper'
                    and match_id in (select m.id from public.matches m
                                     where m.helper_id = (select auth.uid()) and m.status = 'completed'))
                or (perspective in ('coordinator', 'beneficiary')
                    and match_id in (select m.id from public.matches m
                                     where m.organisation_id in (select private.coordinated_organisation_ids())
                                       and m.helper_id <> (select auth.uid()) and m.status = 'completed'))));

create function private.feedback_derive_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  select m.organisation_id into new.organisation_id from public.matches m where m.id = new.match_id;
  return new;
end
$$;
comment on function private.feedback_derive_owner() is 'Sets the feedback''s organisation from its match.';
create trigger feedback_derive before insert on public.feedback
  for each row execute function private.feedback_derive_owner();
