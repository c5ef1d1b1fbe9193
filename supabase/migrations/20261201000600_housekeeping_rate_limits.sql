-- Housekeeping deletes the sign-in rate limits' counts a day after their window started: the
-- longest window is an hour (PER_IP in src/lib/server/auth/email-code.ts), and the rows named a
-- client, by a keyed hash, for no longer than they count. Until now they were never deleted.
create or replace function private.run_housekeeping(p_now timestamptz) returns jsonb
language plpgsql set search_path = ''
as $$
declare
  v_codes int;
  v_sessions int;
  v_requests int;
  v_marks int;
  v_limits int;
begin
  delete from private.sign_in_codes c where c.created_at < p_now - interval '2 days';
  get diagnostics v_codes = row_count;
  delete from private.sessions s
   where s.expires_at < p_now - interval '1 day' or s.revoked_at < p_now - interval '1 day';
  get diagnostics v_sessions = row_count;
  delete from private.client_requests r where r.created_at < p_now - interval '90 days';
  get diagnostics v_requests = row_count;
  -- Nothing reads an expired mark.
  delete from private.known_browser_marks k where k.expires_at < p_now;
  get diagnostics v_marks = row_count;
  delete from private.rate_limits r where r.window_start < p_now - interval '1 day';
  get diagnostics v_limits = row_count;
  return jsonb_build_object('signInCodes', v_codes, 'sessions', v_sessions,
                            'clientRequests', v_requests, 'knownBrowserMarks', v_marks,
                            'rateLimits', v_limits);
end
$$;
comment on function private.run_housekeeping(timestamptz) is
  'Deletes sign-in codes two days old, sessions a day after their end, offline request keys 90 days old, expired known-browser marks and rate-limit counts a day after their window started; returns how many of each.';
