-- API grants, stated once and exactly.
-- Supabase gives `anon` and `authenticated` every privilege on each new table, sequence and
-- function in `public` (default privileges). A column grant protects nothing while the table
-- grant stands, so this file revokes everything from the API roles and grants back exactly
-- what the row-level policies are written for. From here on new objects in `public` start
-- with no grants for the API roles: each migration grants what it means.

-- ---------------------------------------------------------------------------------------------
-- Nothing by default
-- ---------------------------------------------------------------------------------------------
alter default privileges in schema public revoke all on tables from anon, authenticated;
alter default privileges in schema public revoke all on sequences from anon, authenticated;
alter default privileges in schema public revoke execute on functions from public, anon, authenticated;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Anyone, signed in or not: the public facts of towns and organisations, and aggregate figures
-- ---------------------------------------------------------------------------------------------
grant select on public.municipalities, public.districts, public.organisations to anon, authenticated;
grant execute on function public.public_figures() to anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Signed-in people; row-level security decides which rows
-- ---------------------------------------------------------------------------------------------
grant update (nonprofit_needs_need_approval, minor_matches_need_approval, municipality_inspects_72a)
  on public.municipalities to authenticated;
grant update (name, contact_email, contact_phone) on public.organisations to authenticated;

grant select on public.profiles, public.contact_details, public.platform_admins to authenticated;
grant update (display_name, locale, updated_at) on public.profiles to authenticated;
-- The e-mail address changes only through sign-in.
grant update (phone, updated_at) on public.contact_details to authenticated;

grant select, delete on public.memberships to authenticated;
grant insert (organisation_id, person_id, role, status, verified_at) on public.memberships to authenticated;
grant update (status, verified_at, ended_at) on public.memberships to authenticated;

grant select, delete on public.offers to authenticated;
grant insert (helper_id, municipality_id, categories, target_groups, hours_per_month, availability,
              home_district_id, home_lat, home_lng, radius_km, remote_ok, languages, paused_until)
  on public.offers to authenticated;
grant update (municipality_id, categories, target_groups, hours_per_month, availability, home_district_id,
              home_lat, home_lng, radius_km, remote_ok, languages, paused_until, updated_at)
  on public.offers to authenticated;

grant select on public.needs to authenticated;
grant insert (organisation_id, created_by, title, description, category, target_group, hours, cadence,
              starts_on, ends_on, time_windows, district_id, lat, lng, remote, required_languages,
              preferred_languages, helpers_wanted, requires_72a, status)
  on public.needs to authenticated;
grant update (title, description, category, target_group, hours, cadence, starts_on, ends_on, time_windows,
              district_id, lat, lng, remote, required_languages, preferred_languages, helpers_wanted,
              requires_72a, status)
  on public.needs to authenticated;

-- Matches are created and moved only by the match functions below.
grant select on public.matches to authenticated;

grant select on public.hour_logs to authenticated;
grant insert (match_id, helper_id, worked_on, hours, note, status, client_key) on public.hour_logs to authenticated;
grant update (status, reviewed_by, reviewed_at) on public.hour_logs to authenticated;

grant select, delete on public.inspections_72a to authenticated;
grant insert (helper_id, inspecting_organisation_id, inspected_by, inspected_on, certificate_date,
              conviction_listed, recheck_on)
  on public.inspections_72a to authenticated;
grant update (inspected_by, inspected_on, certificate_date, conviction_listed, recheck_on)
  on public.inspections_72a to authenticated;

grant select on public.involvement_events to authenticated;

grant select on public.feedback to authenticated;
grant insert (match_id, author_id, perspective, rating, comment) on public.feedback to authenticated;

grant select on public.need_suggestions to authenticated;
grant insert (municipality_id, district_id, author_id, category, target_group, body, status)
  on public.need_suggestions to authenticated;
grant update (status, need_id) on public.need_suggestions to authenticated;

grant execute on function
  public.need_candidates(uuid, integer),
  public.fitting_needs(integer),
  public.propose_match(uuid, uuid, numeric, public.match_initiator),
  public.request_match(uuid),
  public.accept_match(uuid),
  public.approve_match(uuid),
  public.decline_match(uuid),
  public.withdraw_match(uuid),
  public.accept_invitation(uuid),
  public.leave_pool(uuid)
  to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The system role keeps everything (batch jobs, mail); it bypasses row-level security.
-- ---------------------------------------------------------------------------------------------
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
