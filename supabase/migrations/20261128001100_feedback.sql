-- Feedback after a match is completed: each side gives it once, and each is a ledger event.

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
comment on table public.feedback is 'Ratings after a match is completed, from the helper, the coordinator, or recorded for the beneficiary.';
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
