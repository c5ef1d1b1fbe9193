-- Fellow coordinators see each other's display name. The team page (src/lib/server/onboarding/
-- team.ts, teamOverview) lists who coordinates the organisation and lets a coordinator end a
-- membership; profiles' select policy showed a coordinator only their own profile and their
-- helpers', so a fellow coordinator who had accepted was missing from it.
--
-- Replaces the select policy on public.profiles of 20261128000200_people.sql (fix forward; the
-- name now says who else reads). A profile holds a display name and a language, nothing more.

create function private.fellow_coordinator_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select m.person_id from public.memberships m
    where m.role = 'coordinator' and m.status = 'active'
      and m.organisation_id in (select private.coordinated_organisation_ids());
end
$$;
comment on function private.fellow_coordinator_ids() is
  'Active coordinators of the organisations the current person actively coordinates (the person included).';
-- The policy runs it as the person, as the foundation's helpers (20261128000100_foundation.sql).
grant execute on function private.fellow_coordinator_ids() to authenticated, service_role;

alter policy "People read their profile, coordinators their helpers' profiles" on public.profiles
  using (id = (select auth.uid())
         or id in (select private.pool_member_ids())
         or id in (select private.match_counterpart_ids(false))
         or id in (select private.fellow_coordinator_ids()));
alter policy "People read their profile, coordinators their helpers' profiles" on public.profiles
  rename to "People read their profile, coordinators their helpers' and fellow coordinators' profiles";
