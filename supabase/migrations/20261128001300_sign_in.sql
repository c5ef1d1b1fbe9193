-- Built-in e-mail-code sign-in: codes, sessions and rate limits.
-- All in `private`, reached only by the server's own database role; no grants to API roles.

-- ---------------------------------------------------------------------------------------------
-- One-time codes
-- ---------------------------------------------------------------------------------------------
create table private.sign_in_codes (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  code_hash text not null,
  expires_at timestamptz not null,
  attempts smallint not null default 0 check (attempts between 0 and 5),
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
create index sign_in_codes_email_idx on private.sign_in_codes (email, created_at desc);
comment on table private.sign_in_codes is 'Six-digit codes, stored only as keyed hashes; valid ten minutes, five attempts.';

-- ---------------------------------------------------------------------------------------------
-- Sessions
-- ---------------------------------------------------------------------------------------------
create table private.sessions (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on private.sessions (user_id);
comment on table private.sessions is 'Signed-in sessions; the cookie holds the token, the database only its hash.';

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
