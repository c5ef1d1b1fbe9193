-- The session lookup as a function that keeps its plan: replaces the statement the email-code
-- sign-in port (src/lib/server/auth/email-code.ts, resolve) sent on every signed-in request, with
-- the same SQL: the live session's person, and its last use moved forward when it is more than a
-- minute old.
--
-- Why: sent as a statement with parameters (unnamed, as poolers in transaction mode require) it
-- was parsed and planned on every request: 0.45 of the 0.5 ms it cost PostgreSQL (log of the
-- demo town, PostgreSQL 15). In PL/pgSQL its plan is kept per connection.
--
-- In `private`, as the sessions are: the server's own role owns and calls it; no API role may.

create function private.session_person(p_token_hash text, p_max_days integer, p_idle_hours integer)
returns table (id uuid, email text)
language plpgsql volatile set search_path = '' set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  with s as (
    select s.token_hash, s.user_id, s.last_seen_at from private.sessions s
    where s.token_hash = p_token_hash and s.revoked_at is null and s.expires_at > now()
      and s.created_at > now() - make_interval(days => p_max_days)
      and s.last_seen_at > now() - make_interval(hours => p_idle_hours)
  ), touched as (
    update private.sessions t set last_seen_at = now() from s
    where t.token_hash = s.token_hash and s.last_seen_at < now() - interval '1 minute'
  )
  select u.id, u.email::text from s join auth.users u on u.id = s.user_id;
end
$$;
comment on function private.session_person(text, integer, integer)
  is 'The person of a live session (by its token''s hash; not revoked, not expired, younger than p_max_days, used within p_idle_hours), moving its last use forward when more than a minute old. For the server''s role only.';
revoke all on function private.session_person(text, integer, integer) from public, anon, authenticated;
