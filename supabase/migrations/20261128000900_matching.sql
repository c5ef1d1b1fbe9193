-- Matching: month-capacity arithmetic, the hard rules written once (private.pair_checks),
-- candidate retrieval from the coordinator's and the helper's side, and the match verbs
-- (propose, request, accept, approve, decline, withdraw with or without a reason, complete) that
-- cannot over-book.
--
-- Four eyes: nobody proposes themselves, accepts for the organisation a match they help in, or
-- approves for the town a match they help in or proposed (own_match).
-- Locks: every verb locks the need row first, then (where it checks the pair) the helper's offer
-- row, then the match row.
-- Concurrent acceptances for one need serialise on the need, for one helper on the offer, and
-- the fixed order means they never deadlock.
--
-- pair_checks, inspection_valid and the *_rows candidate functions are PL/pgSQL with
-- plan_cache_mode = force_generic_plan, each body one `return query` (or `return (…)`):
-- PostgreSQL before 18 plans a SQL-language function's body anew in every statement that calls it
-- (one with a SET clause is never inlined either), which cost about 5 ms of the 5.5 ms the
-- helper's fitting-needs statement took on the demo town. PL/pgSQL
-- keeps a prepared plan per connection, generic from the first call (the parameters are keys and
-- limits whose values do not change the best plan's shape); `#variable_conflict use_column` gives
-- a column the precedence over an output name that a SQL function gives it. private.needs_clash
-- stays SQL: as PL/pgSQL its per-row cost triples, and batch planning calls it per pair.

-- ---------------------------------------------------------------------------------------------
-- Calendar months (dates are Europe/Berlin calendar dates already; PL/pgSQL, as the foundation
-- says why)
-- ---------------------------------------------------------------------------------------------
create function private.need_last_month(p_cadence public.need_cadence, p_starts date, p_ends date)
returns date
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  return private.month_of(case when p_cadence = 'monthly' then coalesce(p_ends, p_starts) else p_starts end);
end
$$;
comment on function private.need_last_month(public.need_cadence, date, date)
  is 'The last month a need''s hours count in: a one-off need counts in the month of its start, a monthly need in every month from start to end.';

-- ---------------------------------------------------------------------------------------------
-- Capacity: hours committed per helper and month
-- ---------------------------------------------------------------------------------------------
-- Owner's rights (views bypass RLS for their owner): read only by the definer functions below.
create view private.committed_months as
  select m.id as match_id, m.helper_id, m.need_id, mon.month, n.hours
  from public.matches m
  join public.needs n on n.id = m.need_id
  cross join lateral (
    select g::date as month
    from generate_series(private.month_of(n.starts_on)::timestamp,
                         private.need_last_month(n.cadence, n.starts_on, n.ends_on)::timestamp,
                         interval '1 month') g
  ) mon
  where m.status in ('pending_approval', 'active');
comment on view private.committed_months is 'One row per match and calendar month its hours count in; only pending_approval and active matches commit hours.';
revoke all on private.committed_months from public, anon, authenticated;

create function private.committed_hours(p_helper uuid, p_month date) returns numeric
language sql stable security definer set search_path = ''
as $$
  select coalesce(sum(c.hours), 0) from private.committed_months c
  where c.helper_id = p_helper and c.month = private.month_of(p_month)
$$;
comment on function private.committed_hours(uuid, date)
  is 'Hours a helper has committed in the calendar month of p_month, over all organisations (a number only: coordinators cannot read other organisations'' matches, but capacity must count them).';

-- ---------------------------------------------------------------------------------------------
-- §72a: a valid inspection for a need
-- ---------------------------------------------------------------------------------------------
create function private.inspection_valid(p_helper uuid, p_need uuid) returns boolean
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return (
  select exists (
    select 1
    from public.needs n
    join public.municipalities mu on mu.id = n.municipality_id
    join public.inspections_72a i on i.helper_id = p_helper
    join public.organisations io on io.id = i.inspecting_organisation_id
    where n.id = p_need
      and not i.conviction_listed
      and i.inspected_by is distinct from p_helper
      and i.recheck_on > coalesce(n.ends_on, n.starts_on)
      and (i.inspecting_organisation_id = n.organisation_id
           or (mu.municipality_inspects_72a and io.kind = 'municipal' and io.municipality_id = n.municipality_id)))
  );
end
$$;
comment on function private.inspection_valid(uuid, uuid)
  is 'True when the helper has a §72a inspection that counts for the need: by the need''s organisation, or by a municipal office of the need''s town where the town inspects; no listed conviction; re-check due only after the need''s last day; never one the helper recorded of themselves. Only a boolean leaves it.';

-- ---------------------------------------------------------------------------------------------
-- The hard rules, written once
-- ---------------------------------------------------------------------------------------------
-- Not granted to people: only the security definer functions below call it.
create function private.pair_checks(p_need uuid, p_offers public.offers[], p_exclude_match uuid default null)
returns table (helper_id uuid, violation text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with n as (
    select n.id, n.organisation_id, n.municipality_id, n.category, n.target_group, n.hours, n.lat, n.lng,
           n.remote, n.time_windows, n.required_languages, n.preferred_languages, n.requires_72a,
           private.month_of(n.starts_on) as first_month,
           private.need_last_month(n.cadence, n.starts_on, n.ends_on) as last_month,
           greatest(n.starts_on, private.berlin_today()) as begins_on,
           private.month_of(private.berlin_today()) as this_month
    from public.needs n where n.id = p_need
  ),
  base as (
    select o.helper_id, o.municipality_id, o.categories, o.target_groups, o.languages, o.radius_km,
           o.remote_ok, o.paused_until, o.hours_per_month,
           case when n.remote and o.remote_ok then null
                when n.lat is null or o.home_lat is null then null
                else private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) end as distance_km,
           case when o.availability is null or n.time_windows is null then null
                else o.availability && n.time_windows end as windows_fit,
           case when o.availability is null or n.time_windows is null then null
                else (o.availability * n.time_windows)::int4multirange end as windows_overlap
    from unnest(p_offers) o cross join n
  ),
  checked as (
    select b.*,
      case
        when b.municipality_id <> n.municipality_id then 'wrong_municipality'
        when not b.categories @> array[n.category] then 'category_mismatch'
        when not b.target_groups @> array[n.target_group] then 'target_group_mismatch'
        when not b.languages @> n.required_languages then 'language_missing'
        when not ((n.remote and b.remote_ok) or coalesce(b.distance_km <= b.radius_km, false)) then 'out_of_range'
        when b.windows_fit is false then 'windows_do_not_fit'
        when b.paused_until >= n.begins_on then 'helper_paused'
        when exists (select 1 from public.matches m
                     where m.need_id = n.id and m.helper_id = b.helper_id
                       and m.id is distinct from p_exclude_match) then 'already_matched'
        when n.requires_72a and not private.inspection_valid(b.helper_id, n.id) then 'inspection_required'
      end as violation
    from base b cross join n
  )
  select c.helper_id,
         case when c.violation is not null then c.violation
              when c.hours_per_month - coalesce(load.peak, 0) < n.hours then 'capacity_exceeded' end,
         c.distance_km,
         c.hours_per_month - coalesce(load.peak, 0),
         c.hours_per_month::numeric,
         c.windows_fit,
         c.windows_overlap,
         array(select l from unnest(n.preferred_languages) l where l = any (c.languages)),
         hist.helped_org_before,
         hist.total_matches,
         coalesce(load.this_month, 0)
  from checked c
  cross join n
  -- Load and history only for pairs that passed every other rule.
  left join lateral (
    select max(per.hours) filter (where per.month between n.first_month and n.last_month) as peak,
           sum(per.hours) filter (where per.month = n.this_month) as this_month
    from (select cm.month, sum(cm.hours) as hours
          from private.committed_months cm
          where c.violation is null and cm.helper_id = c.helper_id
            and cm.match_id is distinct from p_exclude_match
            and (cm.month between n.first_month and n.last_month or cm.month = n.this_month)
          group by cm.month) per
  ) load on true
  left join lateral (
    select (count(*) filter (where m.organisation_id = n.organisation_id and m.status in ('active', 'completed')))::integer
             as helped_org_before,
           (count(*) filter (where m.status in ('pending_approval', 'active', 'completed')))::integer as total_matches
    from public.matches m
    where c.violation is null and m.helper_id = c.helper_id and m.id is distinct from p_exclude_match
  ) hist on true;
end
$$;
comment on function private.pair_checks(uuid, public.offers[], uuid)
  is 'Every hard rule for one need against a set of offers: the first rule each pair breaks (null when it fits) and the facts the score needs. p_exclude_match leaves one match out of the load and the "already matched" rule (when that match itself is being accepted or approved). Mirrored by src/lib/domain/matching/rules.ts.';

-- ---------------------------------------------------------------------------------------------
-- Candidate retrieval
-- ---------------------------------------------------------------------------------------------
-- Security definer because row-level security keeps non-leakproof operators (GiST box &&,
-- GIN @>) out of index conditions: under RLS every candidate query would read every offer.
-- It therefore checks the caller itself: a coordinator of the need's organisation, or a
-- municipal coordinator of its town.
create function private.need_candidate_rows(p_need uuid, p_limit integer)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with n as materialized (
    select n.* from public.needs n
    where n.id = p_need and n.status = 'open'
      and (n.organisation_id in (select private.coordinated_organisation_ids())
           or n.municipality_id in (select private.governed_municipality_ids()))
  ),
  nearby as (
    -- Whose reach box holds the need's point (GiST), then the cheap rules row by row, so the
    -- full check (pair_checks, which applies every rule again) sees few rows.
    select o from n join public.offers o
      on o.reach && box(n.point, n.point)
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and not (n.remote and o.remote_ok)
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
     and private.haversine_km(n.lat, n.lng, o.home_lat, o.home_lng) <= o.radius_km
    union all
    select o from n join public.offers o
      on n.remote and o.remote_ok
     and o.municipality_id = n.municipality_id
     and o.categories @> array[n.category] and o.target_groups @> array[n.target_group]
     and o.languages @> n.required_languages
     and (o.availability is null or n.time_windows is null or o.availability && n.time_windows)
  )
  select c.helper_id, p.display_name, c.distance_km, c.remaining_hours, c.capacity, c.windows_fit,
         c.windows_overlap, c.speaks_preferred, c.helped_org_before, c.total_matches, c.committed_this_month
  from n
  cross join lateral private.pair_checks(n.id, array(select x.o from nearby x), null) c
  join public.profiles p on p.id = c.helper_id
  where c.violation is null
  order by c.windows_fit desc nulls last, c.distance_km asc nulls last, c.helper_id
  limit greatest(p_limit, 0);
end
$$;
comment on function private.need_candidate_rows(uuid, integer)
  is 'Helpers who fit an open need under every hard rule, with the facts for the score; only for coordinators of the need''s organisation or municipal coordinators of its town. Pre-ordered by windows fit and distance; the app ranks by the full score.';

create function public.need_candidates(p_need uuid, p_limit integer default 50)
returns table (helper_id uuid, display_name text, distance_km double precision, remaining_hours numeric,
               capacity numeric, windows_fit boolean, windows_overlap int4multirange, speaks_preferred text[], helped_org_before integer,
               total_matches integer, committed_this_month numeric)
language sql stable security invoker set search_path = ''
as $$
  -- Row-level security decides first: a need the caller cannot see yields nothing.
  select c.* from public.needs n
  cross join lateral private.need_candidate_rows(n.id, p_limit) c
  where n.id = p_need
$$;
comment on function public.need_candidates(uuid, integer)
  is 'Candidates for a need, for its coordinators: every hard rule applied in SQL, with the facts the score needs. Empty for a need the caller may not see or does not coordinate.';

-- It applies the cheap rules (windows, languages, distance) before pair_checks, as
-- need_candidate_rows does: in the batch bench's town a helper with a 10 km reach had 1 172 needs
-- of their kinds in the reach box, of which 136 fit, and pair_checks ran for each (68–211 ms;
-- 12 ms with the rules first).
create function private.fitting_need_rows(p_limit integer)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric)
language plpgsql stable security definer set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with me as materialized (
    select o from public.offers o where o.helper_id = (select auth.uid())
  ),
  nearby as (
    -- Open needs whose point lies in my reach box (GiST on needs.point) …
    select n.id from me join public.needs n
      on n.point <@ (me.o).reach
     and n.status = 'open' and n.municipality_id = (me.o).municipality_id
     and n.category = any ((me.o).categories) and n.target_group = any ((me.o).target_groups)
     and not (n.remote and (me.o).remote_ok)
     -- … then the cheap rules row by row, as need_candidate_rows does, so pair_checks (which
     -- applies every rule again) runs for the needs that can fit, not every need in the box …
     and ((me.o).availability is null or n.time_windows is null or (me.o).availability && n.time_windows)
     and (me.o).languages @> n.required_languages
     and private.haversine_km(n.lat, n.lng, (me.o).home_lat, (me.o).home_lng) <= (me.o).radius_km
    union all
    -- … and remote needs when remote is fine for me.
    select n.id from me join public.needs n
      on (me.o).remote_ok and n.remote and n.status = 'open' and n.municipality_id = (me.o).municipality_id
     and n.category = any ((me.o).categories) and n.target_group = any ((me.o).target_groups)
     and ((me.o).availability is null or n.time_windows is null or (me.o).availability && n.time_windows)
     and (me.o).languages @> n.required_languages
  )
  select n.id, n.title, n.organisation_id, org.name, n.category, n.target_group, n.hours, n.cadence,
         n.starts_on, n.ends_on, n.remote, c.distance_km, c.remaining_hours, c.capacity, c.windows_fit,
         c.windows_overlap, c.speaks_preferred, c.helped_org_before, c.total_matches, c.committed_this_month
  from nearby x
  join public.needs n on n.id = x.id
  join public.organisations org on org.id = n.organisation_id
  cross join lateral private.pair_checks(n.id, array(select me.o from me), null) c
  where c.violation is null
    -- A need whose places are all taken is not offered to more helpers.
    and (select count(*) from public.matches m
         where m.need_id = n.id and m.status in ('pending_approval', 'active')) < n.helpers_wanted
  order by c.windows_fit desc nulls last, c.distance_km asc nulls last, n.starts_on, n.id
  limit greatest(p_limit, 0);
end
$$;
comment on function private.fitting_need_rows(integer)
  is 'Open needs with a free place that fit the current person''s offer under every hard rule, with the facts for the score. Security definer for index use (see need_candidate_rows); it reads only the caller''s own offer.';

create function public.fitting_needs(p_limit integer default 50)
returns table (need_id uuid, title text, organisation_id uuid, organisation_name text,
               category public.need_category, target_group public.target_group, hours numeric,
               cadence public.need_cadence, starts_on date, ends_on date, remote boolean,
               distance_km double precision, remaining_hours numeric, capacity numeric, windows_fit boolean, windows_overlap int4multirange,
               speaks_preferred text[], helped_org_before integer, total_matches integer,
               committed_this_month numeric)
language sql stable security invoker set search_path = ''
as $$
  -- Row-level security decides first: only a person who can read their own offer gets needs.
  select c.* from public.offers o
  cross join lateral private.fitting_need_rows(p_limit) c
  where o.helper_id = (select auth.uid())
$$;
comment on function public.fitting_needs(integer)
  is 'Open needs that fit the current person''s offer under every hard rule, with the facts the score needs.';

-- ---------------------------------------------------------------------------------------------
-- Building blocks of the match verbs
-- ---------------------------------------------------------------------------------------------
create function private.lock_need_and_offer(p_need uuid, p_helper uuid) returns public.needs
language plpgsql security definer set search_path = ''
as $$
declare
  v_need public.needs;
begin
  -- Fixed order, need before offer, everywhere: concurrent verbs serialise and never deadlock.
  select * into v_need from public.needs where id = p_need for update;
  if not found then perform private.fail('need_not_found'); end if;
  perform 1 from public.offers where helper_id = p_helper for update;
  if not found then perform private.fail('no_offer'); end if;
  return v_need;
end
$$;
comment on function private.lock_need_and_offer(uuid, uuid) is 'Locks the need row, then the helper''s offer row (the one lock order of all match verbs).';

create function private.lock_match(p_match uuid) returns public.matches
language plpgsql security definer set search_path = ''
as $$
declare
  v_match public.matches;
begin
  select * into v_match from public.matches m where m.id = p_match;
  if not found then perform private.fail('match_not_found'); end if;
  perform private.lock_need_and_offer(v_match.need_id, v_match.helper_id);
  select * into v_match from public.matches m where m.id = p_match for update;
  return v_match;
end
$$;
comment on function private.lock_match(uuid) is 'Locks a match''s need, the helper''s offer and then the match itself (the verbs'' lock order); returns the match as locked.';

create function private.check_need_has_room(p_need public.needs, p_exclude_match uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_need.status = 'matched' then perform private.fail('need_full'); end if;
  if p_need.status <> 'open' then perform private.fail('need_not_open'); end if;
  if (select count(*) from public.matches m
      where m.need_id = p_need.id and m.status in ('pending_approval', 'active')
        and m.id is distinct from p_exclude_match) >= p_need.helpers_wanted then
    perform private.fail('need_full');
  end if;
end
$$;
comment on function private.check_need_has_room(public.needs, uuid) is 'Raises need_not_open or need_full unless the need is open with a free place.';

create function private.check_pair(p_need uuid, p_helper uuid, p_exclude_match uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_violation text;
begin
  select c.violation into v_violation
  from private.pair_checks(p_need, array(select o from public.offers o where o.helper_id = p_helper), p_exclude_match) c;
  if not found then perform private.fail('no_offer'); end if;
  if v_violation is not null then perform private.fail(v_violation); end if;
end
$$;
comment on function private.check_pair(uuid, uuid, uuid) is 'Raises the first hard rule the pair breaks (the same rules as the candidate lists).';

create function private.match_needs_approval(p_need public.needs) returns boolean
language sql stable security definer set search_path = ''
as $$
  select mu.minor_matches_need_approval and p_need.target_group in ('children', 'youth') and o.kind = 'nonprofit'
  from public.organisations o join public.municipalities mu on mu.id = o.municipality_id
  where o.id = p_need.organisation_id
$$;
comment on function private.match_needs_approval(public.needs)
  is 'A nonprofit''s match with children or youth waits for the municipality where its policy says so (a municipal office''s own need is already the town''s decision).';

create function private.match_involvement(p_need public.needs) returns public.involvement_role
language sql stable security definer set search_path = ''
as $$
  select case when o.kind = 'municipal' then 'initiated'::public.involvement_role
              when p_need.approved_at is not null then 'informed'::public.involvement_role
         end
  from public.organisations o where o.id = p_need.organisation_id
$$;
comment on function private.match_involvement(public.needs)
  is 'The municipality''s part in a match before any approval: initiated (its own office''s need), informed (it approved the need), or none.';

create function private.record_match_event(p_kind public.involvement_kind, p_match uuid, p_role public.involvement_role)
returns void
language sql security definer set search_path = ''
as $$
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, need_id, match_id, municipal_role)
  select p_kind, m.municipality_id, m.organisation_id, (select auth.uid()), m.helper_id, m.need_id, m.id, p_role
  from public.matches m where m.id = p_match
$$;
comment on function private.record_match_event(public.involvement_kind, uuid, public.involvement_role)
  is 'Appends a match event to the involvement ledger, acted by the current person.';

create function private.activate_match(p_match uuid, p_need public.needs) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  update public.matches m set
    status = 'active',
    activated_at = now(),
    updated_at = now(),
    first_with_municipality = m.municipal_involvement is not null
      and not exists (select 1 from public.matches o
                      where o.helper_id = m.helper_id and o.id <> m.id and o.first_with_municipality)
  where m.id = p_match;
  if (select count(*) from public.matches m where m.need_id = p_need.id and m.status = 'active') >= p_need.helpers_wanted then
    update public.needs set status = 'matched', updated_at = now() where id = p_need.id;
  end if;
end
$$;
comment on function private.activate_match(uuid, public.needs)
  is 'Makes a match active, flags the helper''s first match with municipal involvement, and marks the need matched once every place is taken.';

-- ---------------------------------------------------------------------------------------------
-- Match verbs
-- ---------------------------------------------------------------------------------------------
create function app.propose_match(p_need uuid, p_helper uuid, p_score numeric default null,
                                     p_initiated_by public.match_initiator default 'coordinator')
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_match uuid;
  v_role public.involvement_role;
begin
  if p_initiated_by = 'helper' then perform private.fail('not_allowed'); end if;
  if p_helper = v_actor then perform private.fail('own_match'); end if;
  v_need := private.lock_need_and_offer(p_need, p_helper);
  if not (private.is_system_caller()
          or v_need.organisation_id in (select private.coordinated_organisation_ids())) then
    perform private.fail('not_allowed');
  end if;
  perform private.check_need_has_room(v_need, null);
  perform private.check_pair(p_need, p_helper, null);
  v_role := private.match_involvement(v_need);
  insert into public.matches (need_id, helper_id, status, initiated_by, proposed_by, score,
                              organisation_accepted_at, municipal_involvement)
  values (p_need, p_helper, 'proposed', p_initiated_by, v_actor, p_score, now(), v_role)
  returning id into v_match;
  perform private.record_match_event('match_proposed', v_match, v_role);
  return v_match;
end
$$;
comment on function app.propose_match(uuid, uuid, numeric, public.match_initiator)
  is 'A coordinator of the need''s organisation (or the batch job) proposes a helper — never themselves (own_match); the organisation''s side counts as accepted. Checks every hard rule and a free place. Score and initiator come from the app server, the only caller (this schema is not exposed over HTTP), which computes the score from the candidate facts.';

create function app.request_match(p_need uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_match uuid;
  v_role public.involvement_role;
begin
  if v_actor is null then perform private.fail('not_allowed'); end if;
  v_need := private.lock_need_and_offer(p_need, v_actor);
  perform private.check_need_has_room(v_need, null);
  perform private.check_pair(p_need, v_actor, null);
  v_role := private.match_involvement(v_need);
  insert into public.matches (need_id, helper_id, status, initiated_by, helper_accepted_at, municipal_involvement)
  values (p_need, v_actor, 'requested', 'helper', now(), v_role)
  returning id into v_match;
  perform private.record_match_event('match_requested', v_match, v_role);
  return v_match;
end
$$;
comment on function app.request_match(uuid)
  is 'The current person says "I can help" with an open need; their side counts as accepted. Checks every hard rule and a free place.';

create function app.accept_match(p_match uuid) returns public.match_status
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_match public.matches := private.lock_match(p_match);
  v_need public.needs;
  v_helper_side boolean;
  v_org_side boolean;
begin
  select * into v_need from public.needs where id = v_match.need_id;

  v_helper_side := v_actor = v_match.helper_id;
  v_org_side := v_match.organisation_id in (select private.coordinated_organisation_ids());
  if not coalesce(v_helper_side or v_org_side, false) then perform private.fail('not_allowed'); end if;
  if v_match.status not in ('proposed', 'requested') then perform private.fail('match_not_pending'); end if;
  -- The side that has not accepted yet accepts: the helper a proposal, the organisation a request.
  if (v_match.status = 'proposed' and not v_helper_side) or (v_match.status = 'requested' and not v_org_side) then
    perform private.fail('not_allowed');
  end if;
  -- Four eyes: a coordinator who is the helper does not accept for the organisation.
  if v_match.status = 'requested' and v_helper_side then perform private.fail('own_match'); end if;

  perform private.check_need_has_room(v_need, p_match);
  perform private.check_pair(v_match.need_id, v_match.helper_id, p_match);

  update public.matches set
    helper_accepted_at = coalesce(helper_accepted_at, now()),
    organisation_accepted_at = coalesce(organisation_accepted_at, now()),
    status = 'pending_approval',
    updated_at = now()
  where id = p_match;
  perform private.record_match_event('match_accepted', p_match, v_match.municipal_involvement);
  if not private.match_needs_approval(v_need) then
    perform private.activate_match(p_match, v_need);
    return 'active';
  end if;
  return 'pending_approval';
end
$$;
comment on function app.accept_match(uuid)
  is 'The side that has not accepted yet accepts (the helper a proposal, a coordinator of the need''s organisation a request). Re-checks every hard rule, capacity in every month and a free place under the need and offer locks; then the match waits for the municipality or becomes active.';

create function app.approve_match(p_match uuid) returns public.match_status
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_match public.matches := private.lock_match(p_match);
  v_need public.needs;
begin
  select * into v_need from public.needs where id = v_match.need_id;

  if v_actor is null or v_match.municipality_id not in (select private.governed_municipality_ids()) then
    perform private.fail('not_allowed');
  end if;
  if v_match.status <> 'pending_approval' then perform private.fail('match_not_pending'); end if;
  -- Four eyes: nobody approves for the town a match they help in, proposed, or accepted for the
  -- organisation (a person who coordinates both the nonprofit and the town office).
  if v_actor = v_match.helper_id or v_actor = v_match.proposed_by
     or v_match.organisation_id in (select private.coordinated_organisation_ids()) then
    perform private.fail('own_match');
  end if;

  perform private.check_need_has_room(v_need, p_match);
  perform private.check_pair(v_match.need_id, v_match.helper_id, p_match);

  update public.matches set approved_at = now(), approved_by = v_actor, municipal_involvement = 'approved',
                            updated_at = now()
  where id = p_match;
  perform private.record_match_event('match_approved', p_match, 'approved');
  perform private.activate_match(p_match, v_need);
  return 'active';
end
$$;
comment on function app.approve_match(uuid)
  is 'A municipal coordinator of the match''s town approves a match waiting for approval — never one they help in, proposed, or whose organisation they coordinate (own_match); re-checks the rules, then it becomes active.';

create function app.decline_match(p_match uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need_id uuid;
  v_match public.matches;
begin
  select m.need_id into v_need_id from public.matches m where m.id = p_match;
  if not found then perform private.fail('match_not_found'); end if;
  perform 1 from public.needs where id = v_need_id for update;
  select * into v_match from public.matches m where m.id = p_match for update;

  if not coalesce(v_actor = v_match.helper_id
                  or v_match.organisation_id in (select private.coordinated_organisation_ids())
                  or (v_match.status = 'pending_approval'
                      and v_match.municipality_id in (select private.governed_municipality_ids())), false) then
    perform private.fail('not_allowed');
  end if;
  if v_match.status not in ('proposed', 'requested', 'pending_approval') then
    perform private.fail('match_not_pending');
  end if;
  update public.matches set status = 'declined', ended_at = now(), updated_at = now() where id = p_match;
end
$$;
comment on function app.decline_match(uuid)
  is 'Either side (or the municipality, for a match waiting for approval) says no before the match is active. The declined row stays, so the pair is never proposed again.';

create function app.withdraw_match(p_match uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_match public.matches;
begin
  select m.* into v_match from public.matches m where m.id = p_match;
  if not found then perform private.fail('match_not_found'); end if;
  select * into v_need from public.needs where id = v_match.need_id for update;
  select * into v_match from public.matches m where m.id = p_match for update;

  if not coalesce(v_actor = v_match.helper_id
                  or v_match.organisation_id in (select private.coordinated_organisation_ids()), false) then
    perform private.fail('not_allowed');
  end if;
  if v_match.status not in ('proposed', 'requested', 'pending_approval', 'active') then
    perform private.fail('match_closed');
  end if;
  update public.matches set status = 'withdrawn', ended_at = now(), updated_at = now() where id = p_match;
  -- A matched need opens again only when this match held a place and a place is now free.
  if v_match.status in ('pending_approval', 'active')
     and (select count(*) from public.matches m
          where m.need_id = v_need.id and m.status in ('pending_approval', 'active')) < v_need.helpers_wanted then
    update public.needs set status = 'open', updated_at = now() where id = v_need.id and status = 'matched';
  end if;
end
$$;
comment on function app.withdraw_match(uuid)
  is 'The helper or a coordinator of the need''s organisation withdraws from a match that is pending or active; a matched need opens again only when the withdrawn match held a place and fewer places than wanted stay taken.';

-- Completing: the organisation completes an active match, with an optional reason.
-- Never one's own: a coordinator who is also the match's helper does not sign off their own help.
create function app.complete_match(p_match uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_match public.matches;
begin
  if length(p_reason) > 500 then perform private.fail('reason_too_long'); end if;
  v_match := private.lock_match(p_match);
  if v_actor is null or v_match.organisation_id not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  if v_match.helper_id = v_actor then perform private.fail('own_match'); end if;
  if v_match.status <> 'active' then perform private.fail('match_not_active'); end if;
  update public.matches
  set status = 'completed', ended_at = now(), updated_at = now(),
      end_reason = nullif(btrim(p_reason), '')
  where id = p_match;
  perform private.record_match_event('match_completed', p_match, v_match.municipal_involvement);
end
$$;
comment on function app.complete_match(uuid, text) is
  'A coordinator of the match''s organisation completes an active match (match_not_active otherwise), never one they help in (own_match), with an optional reason (reason_too_long over 500 characters); records match_completed with the town''s part in the match.';

grant execute on function app.complete_match(uuid, text) to authenticated, service_role;

-- Withdrawing with an optional reason (public.matches.end_reason), which both sides read: the
-- verb people call; the checks and the reopening of the need stay in app.withdraw_match(uuid), which
-- only the verbs and the system run. The ledger's match_withdrawn is written by the trigger on
-- matches (20261128003300).
create function app.withdraw_match_with_reason(p_match uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if length(p_reason) > 500 then perform private.fail('reason_too_long'); end if;
  -- The ledger's match_withdrawn: private.match_end_record() on app.withdraw_match's update.
  perform app.withdraw_match(p_match);
  update public.matches set end_reason = nullif(btrim(p_reason), '') where id = p_match;
end
$$;
comment on function app.withdraw_match_with_reason(uuid, text) is
  'Withdraws from a pending or active match as app.withdraw_match(uuid) does and keeps the optional reason (reason_too_long over 500 characters); match_withdrawn goes into the ledger through the trigger on matches.';

-- ---------------------------------------------------------------------------------------------
-- Grants: the invoker candidate lists and the verbs for signed-in people; the rest only through them
-- ---------------------------------------------------------------------------------------------
-- The invoker wrappers call the *_rows functions as the person; each checks the caller itself.
grant execute on function
  private.need_last_month(public.need_cadence, date, date),
  private.need_candidate_rows(uuid, integer), private.fitting_need_rows(integer),
  public.need_candidates(uuid, integer), public.fitting_needs(integer),
  app.propose_match(uuid, uuid, numeric, public.match_initiator), app.request_match(uuid),
  app.accept_match(uuid), app.approve_match(uuid), app.decline_match(uuid),
  app.withdraw_match_with_reason(uuid, text)
to authenticated, service_role;
grant execute on function app.withdraw_match(uuid) to service_role;
-- Capacity as a number, for the system's batch job.
grant execute on function private.committed_hours(uuid, date) to service_role;
