-- Hours are logged only through app.log_hours (20261128003910, which also turns a clash on a
-- client key into client_key_used). The helper's direct insert
-- (grant and policy "Helpers log hours on their active matches", landed in
-- 20261128001000_hour_logs.sql) went around the verb: a helper could store a log under a client
-- key of their choosing, and the verb then failed on the unique key (23505, a server error) for
-- whoever's phone had made up that key. Now no session role inserts hour logs; the verb (security
-- definer) is the one writer, with the same checks the policy made (own, active match) and the
-- triggers as before.
revoke insert (match_id, helper_id, worked_on, hours, note, status, client_key)
  on public.hour_logs from authenticated, anon;
revoke insert on public.hour_logs from authenticated, anon;
drop policy "Helpers log hours on their active matches" on public.hour_logs;
