-- Two reads of the signed-in pages as functions with kept plans, for the reason of
-- 20261129000500_need_history.sql: a plain statement over tables with row-level security is
-- planned anew on every request, policies' sub-plans included, which cost more than running it
-- (PostgreSQL 15, demo town, one warm connection: the helper's glance 0.37 ms as a statement,
-- 0.10 ms as a function; a need's matches with their contacts 0.50 ms, 0.16 ms). Security
-- invoker: row-level security decides, as before, what the reader sees.

-- The helper's list page: whether they have an offer, and how many proposals wait for their yes.
create function app.helper_glance(p_person uuid)
returns table ("hasOffer" boolean, "toAnswer" integer)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
begin
  return query
  select exists (select 1 from public.offers o where o.helper_id = p_person),
         (select count(*)::integer from public.matches m
          where m.helper_id = p_person and m.status = 'proposed' and m.helper_accepted_at is null);
end
$$;
comment on function app.helper_glance(uuid)
  is 'For the helper''s list of needs: whether the person has an offer and how many proposals wait for their answer (as far as the caller may read them).';

-- A need's page: its matches, oldest first, with the helper's name and, for active matches, the
-- contacts app.match_contacts gives the caller.
create function app.need_matches(p_need uuid)
returns table (id uuid, "helperName" text, status text, "initiatedBy" text, score numeric,
               "endReason" text, contacts json)
language plpgsql stable security invoker set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select m.id, coalesce(p.display_name, '–'), m.status::text, m.initiated_by::text, m.score, m.end_reason,
         case when m.status = 'active' then (
           select coalesce(json_agg(json_build_object('side', c.side, 'displayName', c.display_name,
                                                      'email', c.email, 'phone', c.phone) order by c.n), '[]')
           from app.match_contacts(m.id) with ordinality c(side, display_name, email, phone, n))
         else '[]'::json end
  from public.matches m
  left join public.profiles p on p.id = m.helper_id
  where m.need_id = p_need
  order by m.created_at;
end
$$;
comment on function app.need_matches(uuid)
  is 'A need''s matches the caller may read, oldest first, with the helper''s name where the caller may see it and, for active matches, the contacts app.match_contacts gives the caller.';

revoke all on function app.helper_glance(uuid), app.need_matches(uuid) from public, anon;
grant execute on function app.helper_glance(uuid), app.need_matches(uuid) to authenticated, service_role;
