-- Housekeeping: rows kept only for a while are deleted once their purpose is over (least data).
--   private.sign_in_codes  — two days after they were asked for: every limit and cap counts the
--                            codes of the last 24 hours at most (src/lib/server/auth/email-code.ts).
--   private.sessions       — a day after they expired or were ended ("Abmelden", "Überall
--                            abmelden"); nothing reads an ended session.
--   private.client_requests — 90 days after the request: a phone replays its queued actions when
--                            it is back online, at the latest after the next sign-in; a replay
--                            after that would be answered as a new request.
-- The app's periodic jobs run it (src/lib/server/jobs/schedule.ts); only the system may.

create function private.run_housekeeping(p_now timestamptz) returns jsonb
language plpgsql set search_path = ''
as $$
declare
  v_codes int;
  v_sessions int;
  v_requests int;
begin
  delete from private.sign_in_codes c where c.created_at < p_now - interval '2 days';
  get diagnostics v_codes = row_count;
  delete from private.sessions s
   where s.expires_at < p_now - interval '1 day' or s.revoked_at < p_now - interval '1 day';
  get diagnostics v_sessions = row_count;
  delete from private.client_requests r where r.created_at < p_now - interval '90 days';
  get diagnostics v_requests = row_count;
  return jsonb_build_object('signInCodes', v_codes, 'sessions', v_sessions, 'clientRequests', v_requests);
end
$$;
comment on function private.run_housekeeping(timestamptz) is
  'Deletes sign-in codes two days old, sessions a day after their end, and offline request keys 90 days old; returns how many of each.';
revoke execute on function private.run_housekeeping(timestamptz) from public, anon, authenticated;
