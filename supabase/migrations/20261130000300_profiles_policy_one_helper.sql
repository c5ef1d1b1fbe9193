-- Profiles' read policy through one helper. The policy of 20261128000200 asked three helpers
-- (pool_member_ids, match_counterpart_ids(false), fellow_coordinator_ids), and each asked
-- coordinated_organisation_ids again: seven definer calls wherever a statement reads profiles,
-- about 0.3 ms of a coordinator's need page per read that names people (its matches, its
-- history). readable_profile_ids reads the coordinated organisations once and returns the same
-- people (tests/db/rls/readable-profiles.test.ts holds it to the three helpers for every seeded
-- person); the three stay for the policies that use them alone.

create function private.readable_profile_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_orgs uuid[] := array(select private.coordinated_organisation_ids());
begin
  -- Every branch below starts from an organisation the person coordinates.
  if cardinality(v_orgs) = 0 then return; end if;
  return query
    -- pool_member_ids and fellow_coordinator_ids
    select ms.person_id from public.memberships ms
    where ms.organisation_id = any (v_orgs)
      and ((ms.role = 'helper' and ms.status in ('active', 'paused'))
           or (ms.role = 'coordinator' and ms.status = 'active'))
    union all
    -- match_counterpart_ids(false)
    select m.helper_id from public.matches m
    where m.organisation_id = any (v_orgs)
       or (m.status in ('pending_approval', 'active')
           and m.municipality_id in (select private.governed_municipality_ids()));
end
$$;
comment on function private.readable_profile_ids() is
  'Whose profiles the current person reads besides their own: the pool_member_ids, match_counterpart_ids(false) and fellow_coordinator_ids together, with the coordinated organisations read once (for the profiles policy).';
revoke all on function private.readable_profile_ids() from public;
grant execute on function private.readable_profile_ids() to authenticated, service_role;

alter policy "People read their profile, coordinators their helpers' and fellow coordinators' profiles"
  on public.profiles
  using (id = (select auth.uid()) or id in (select private.readable_profile_ids()));
