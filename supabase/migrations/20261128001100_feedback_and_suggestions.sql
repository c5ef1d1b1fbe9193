-- Feedback after a match ends, and citizens' suggestions of needs (co-production in planning).

create type public.feedback_perspective as enum ('helper', 'coordinator', 'beneficiary');
create type public.suggestion_status as enum ('new', 'adopted', 'dismissed');

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

-- ---------------------------------------------------------------------------------------------
-- Suggestions
-- ---------------------------------------------------------------------------------------------
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
  created_at timestamptz not null default now()
);
create index need_suggestions_municipality_idx on public.need_suggestions (municipality_id, status);
create index need_suggestions_author_idx on public.need_suggestions (author_id);
create index need_suggestions_district_idx on public.need_suggestions (district_id);
create index need_suggestions_need_idx on public.need_suggestions (need_id);
comment on table public.need_suggestions is 'A citizen''s suggestion of a need in their neighbourhood; a coordinator may turn it into a need.';
alter table public.need_suggestions enable row level security;

grant select on public.need_suggestions to authenticated;
grant insert (municipality_id, district_id, author_id, category, target_group, body, status)
  on public.need_suggestions to authenticated;
grant update (status, need_id) on public.need_suggestions to authenticated;
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

create policy "Municipal coordinators handle suggestions in their town" on public.need_suggestions
  for update to authenticated
  using (municipality_id in (select private.governed_municipality_ids()))
  with check (municipality_id in (select private.governed_municipality_ids()));
