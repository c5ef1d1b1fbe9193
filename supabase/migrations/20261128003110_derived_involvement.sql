-- Derived involvement: the town's strongest role in each need and each match, from the events of
-- the involvement ledger, and for each helper the first match in which their town took part.
--
-- The ledger is the truth; reading it whole for every report would grow with every event. So the
-- same transaction that appends events keeps two small summary tables right (one row per need and
-- per match), and the views below say the same from the events themselves, under the reader's
-- own row-level security (tests compare the two).
--
-- Strength follows the role's order: initiated > approved > verified > co_produced > informed
-- (the enum's order, so min() is the strongest); no row or a null role: the town took no part.

create table private.match_town_roles (
  match_id uuid primary key references public.matches (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  role public.involvement_role
);
create index match_town_roles_municipality_idx on private.match_town_roles (municipality_id);
comment on table private.match_town_roles is
  'The town''s strongest role in a match over its ledger events (null: none), kept by the trigger on public.involvement_events.';

create table private.need_town_roles (
  need_id uuid primary key references public.needs (id) on delete cascade,
  municipality_id uuid not null references public.municipalities (id) on delete cascade,
  role public.involvement_role,
  -- An event of the need's with the role co_produced (a citizen's suggestion adopted, say).
  co_produced boolean not null default false,
  -- When it was posted (its need_posted event); null: never posted.
  posted_at timestamptz
);
create index need_town_roles_posted_idx on private.need_town_roles (municipality_id, posted_at);
comment on table private.need_town_roles is
  'The town''s strongest role in a need over all its ledger events (its matches'' included), whether one was co-produced, and when it was posted; kept by the trigger on public.involvement_events.';

-- Under row-level security like every table of the app's schemas, with no policy: no person reads
-- or writes them directly; the ledger's trigger and the report functions (security definer, owned
-- by the tables' owner) do.
alter table private.match_town_roles enable row level security;
alter table private.need_town_roles enable row level security;

-- One statement, one upsert: a bulk insert of events (the seed, an import) costs one pass.
create function private.involvement_summarise() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.match_town_roles as t (match_id, municipality_id, role)
  select e.match_id, (array_agg(e.municipality_id))[1], min(e.municipal_role)
  from new_events e
  where e.match_id is not null
  group by e.match_id
  on conflict (match_id) do update set role = least(t.role, excluded.role);

  insert into private.need_town_roles as t (need_id, municipality_id, role, co_produced, posted_at)
  select e.need_id, (array_agg(e.municipality_id))[1], min(e.municipal_role),
         coalesce(bool_or(e.municipal_role = 'co_produced'), false),
         min(e.occurred_at) filter (where e.kind = 'need_posted')
  from new_events e
  where e.need_id is not null
  group by e.need_id
  on conflict (need_id) do update
    set role = least(t.role, excluded.role),
        co_produced = t.co_produced or excluded.co_produced,
        posted_at = least(t.posted_at, excluded.posted_at);
  return null;
end
$$;
comment on function private.involvement_summarise() is
  'Folds newly appended ledger events into private.match_town_roles and private.need_town_roles (strongest role, co-produced, posted at), in the same transaction.';
revoke execute on function private.involvement_summarise() from public;

create trigger involvement_events_summarise after insert on public.involvement_events
  referencing new table as new_events
  for each statement execute function private.involvement_summarise();

-- ---------------------------------------------------------------------------------------------
-- The same from the events, for anyone, as far as they may read the ledger
-- ---------------------------------------------------------------------------------------------
create view public.match_town_involvement with (security_invoker = true) as
  select e.match_id, e.municipality_id, min(e.municipal_role) as role
  from public.involvement_events e
  where e.match_id is not null
  group by e.match_id, e.municipality_id;
comment on view public.match_town_involvement is
  'The town''s strongest role in each match over the ledger events the reader may see (null: none).';

create view public.need_town_involvement with (security_invoker = true) as
  select e.need_id, e.municipality_id, min(e.municipal_role) as role,
         coalesce(bool_or(e.municipal_role = 'co_produced'), false) as co_produced,
         min(e.occurred_at) filter (where e.kind = 'need_posted') as posted_at
  from public.involvement_events e
  where e.need_id is not null
  group by e.need_id, e.municipality_id;
comment on view public.need_town_involvement is
  'The town''s strongest role in each need over the ledger events the reader may see (its matches'' included), whether one was co-produced, and when it was posted.';

-- A helper's first match in which their town took part: the earliest activated match with any
-- involvement of the town (the "1 in 10" made countable).
create view public.helper_first_town_match with (security_invoker = true) as
  select distinct on (m.helper_id, m.municipality_id)
         m.helper_id, m.municipality_id, m.id as match_id, m.activated_at
  from public.matches m
  join public.match_town_involvement i on i.match_id = m.id and i.role is not null
  where m.activated_at is not null
  order by m.helper_id, m.municipality_id, m.activated_at, m.id;
comment on view public.helper_first_town_match is
  'Each helper''s first activated match (per town) in which the town took part, as far as the reader may see matches and the ledger.';

grant select on public.match_town_involvement, public.need_town_involvement, public.helper_first_town_match
  to authenticated, service_role;

-- The report reads matches by town and time of activation.
create index matches_activated_idx on public.matches (municipality_id, activated_at) where activated_at is not null;
