-- A need's history in one call with a kept plan. The coordinator's need page read it as a plain
-- statement: two joins to profiles, each running the profiles policies' sub-plans (pool members,
-- match counterparts, fellow coordinators), planned anew per request — 2.1 ms of the page's
-- database time on the demo town, 0.3 ms as this function (PostgreSQL 15). Security invoker:
-- row-level security decides, as before, which events and which names the reader sees.
create function app.need_history(p_need uuid)
returns table (id integer, kind text, "occurredAt" text, "actorName" text, "helperName" text, "municipalRole" text)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with e as (
    select e.id, e.kind, e.occurred_at, e.actor_id, e.helper_id, e.municipal_role
    from public.involvement_events e where e.need_id = p_need
  ),
  -- The people named, read once under profiles' row-level security (each reference to profiles
  -- runs its policies' sub-plans again).
  names as (
    select p.id, p.display_name from public.profiles p
    where p.id = any (array(select e.actor_id from e union select e.helper_id from e))
  )
  select e.id::integer, e.kind::text,
         to_char(e.occurred_at at time zone 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI'),
         a.display_name, h.display_name, e.municipal_role::text
  from e
  left join names a on a.id = e.actor_id
  left join names h on h.id = e.helper_id
  order by e.occurred_at, e.id;
end
$$;

comment on function app.need_history(uuid)
  is 'The ledger''s events about a need that the caller may read, oldest first, with the names of the people in them where the caller may see them (null otherwise).';
revoke all on function app.need_history(uuid) from public, anon;
grant execute on function app.need_history(uuid) to authenticated, service_role;
