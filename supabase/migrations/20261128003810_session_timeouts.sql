-- Sessions end after a time without use (idle time-out) as well as at their absolute end
-- (expires_at, set at sign-in). The server moves last_seen_at forward at most once a minute
-- while the session is used (src/lib/server/auth/email-code.ts).

alter table private.sessions
  add column last_seen_at timestamptz not null default now();

comment on column private.sessions.last_seen_at is
  'Last use of the session, to the minute: a session unused for longer than the idle time-out (SESSION_IDLE_HOURS) no longer counts.';
