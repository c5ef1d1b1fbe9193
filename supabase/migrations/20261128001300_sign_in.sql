-- Built-in e-mail-code sign-in: codes, sessions and rate limits.
-- All in `private`, reached only by the server's own database role; no grants to API roles.

-- ---------------------------------------------------------------------------------------------
-- One-time codes
-- ---------------------------------------------------------------------------------------------
-- A code belongs to one e-mail address AND one browser: the server sets a signed pre-sign-in
-- cookie when the code is requested and stores a keyed hash of it with the code, so the code
-- verifies only from that browser. A stranger who asks for a code for the same address gets a
-- code bound to the stranger's own browser: it neither replaces nor uses up the person's own code
-- or limit. The limits (per browser, per address and client, the daily cap on wrong codes) and the
-- growing waits after wrong codes are counted from these rows, so deleting an account's codes
-- (app.delete_my_account) also deletes its counts, and the personal data export lists them.
--
-- The client is the address that asked for the code (an IPv4 address, or the /64 of an IPv6
-- address), stored only as a keyed hash (HMAC with a key derived from AUTH_SECRET), never in the
-- clear: the hourly sending cap per address and the daily cap on wrong codes count per (address,
-- client), so a stranger elsewhere spends only their own allowance for an address; a ten times
-- higher cap over all clients stays as a backstop against guessing from many clients
-- (src/lib/server/auth/config.ts).
create table private.sign_in_codes (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  code_hash text not null,
  expires_at timestamptz not null,
  attempts smallint not null default 0 check (attempts between 0 and 5),
  consumed_at timestamptz,
  created_at timestamptz not null default now(),
  binding_hash text,
  last_failed_at timestamptz,
  client_hash text
);
create index sign_in_codes_email_idx on private.sign_in_codes (email, created_at desc);
create index sign_in_codes_binding_idx on private.sign_in_codes (email, binding_hash, created_at desc);
create index sign_in_codes_client_idx on private.sign_in_codes (email, client_hash, created_at desc);
-- For housekeeping (private.run_housekeeping), which deletes codes two days old.
create index sign_in_codes_created_idx on private.sign_in_codes (created_at);
comment on table private.sign_in_codes is
  'Six-digit codes, stored only as keyed hashes and bound to the browser that asked; valid ten minutes, five attempts.';
comment on column private.sign_in_codes.binding_hash is
  'Keyed hash of the pre-sign-in cookie of the browser that asked for the code; the code verifies only from that browser; a code without one never verifies.';
comment on column private.sign_in_codes.last_failed_at is
  'When a wrong code was last entered against this code: the growing wait per browser starts from it.';
comment on column private.sign_in_codes.client_hash is
  'Keyed hash of the client (IPv4 address or IPv6 /64) that asked for the code; the sending and wrong-code caps count per address and client.';

-- ---------------------------------------------------------------------------------------------
-- Sessions
-- ---------------------------------------------------------------------------------------------
-- A session ends at its absolute end (expires_at, set at sign-in) or after a time without use
-- (idle time-out): the server moves last_seen_at forward at most once a minute while it is used.
create table private.sessions (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on private.sessions (user_id);
comment on table private.sessions is 'Signed-in sessions; the cookie holds the token, the database only its hash.';
comment on column private.sessions.last_seen_at is
  'Last use of the session, to the minute: a session unused for longer than the idle time-out (SESSION_IDLE_HOURS) no longer counts.';

-- The session lookup of every signed-in request (src/lib/server/auth/email-code.ts, resolve): the
-- live session's person, and its last use moved forward when it is more than a minute old. A
-- PL/pgSQL function for its plan: sent as a statement with parameters (unnamed, as poolers in
-- transaction mode require) it was parsed and planned on every request, 0.45 of the 0.5 ms it
-- cost PostgreSQL (log of the demo town, PostgreSQL 15). The server's own role calls it; no API
-- role may.
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

-- ---------------------------------------------------------------------------------------------
-- Rate limits: fixed windows per bucket (e-mail address, IP), held in Postgres so every
-- app instance shares them.
-- ---------------------------------------------------------------------------------------------
create table private.rate_limits (
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (bucket, window_start)
);
comment on table private.rate_limits is 'Request counts per bucket and time window for sign-in requests.';

create function private.hit_rate_limit(p_bucket text, p_window interval, p_max integer)
returns boolean
language plpgsql set search_path = ''
as $$
declare
  v_start timestamptz := to_timestamp(floor(extract(epoch from now()) / extract(epoch from p_window)) * extract(epoch from p_window));
  v_hits integer;
begin
  insert into private.rate_limits as r (bucket, window_start, hits) values (p_bucket, v_start, 1)
  on conflict (bucket, window_start) do update set hits = r.hits + 1
  returning hits into v_hits;
  return v_hits <= p_max;
end
$$;
comment on function private.hit_rate_limit(text, interval, integer) is 'Counts one request in the bucket''s current window; true while within the limit.';

alter table private.sign_in_codes enable row level security;
alter table private.sessions enable row level security;
alter table private.rate_limits enable row level security;
