-- Hours are logged only through app.log_hours (20261128003910). The helper's direct insert
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

-- app.log_hours as in 20261128003910, but a key already on a log (two calls with one key at the
-- same time) is client_key_used, not a unique violation.
create or replace function app.log_hours(p_client_key uuid, p_match uuid, p_worked_on date, p_hours numeric, p_note text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_input jsonb := jsonb_build_object('match', p_match, 'worked_on', p_worked_on, 'hours', p_hours,
                                      'note', coalesce(p_note, ''));
  v_seen jsonb;
  v_log uuid;
  v_constraint text;
begin
  if v_actor is null then perform private.fail('not_allowed'); end if;
  v_seen := private.client_request_answer(p_client_key, 'log_hours', v_input);
  if v_seen is not null then return (v_seen ->> 'result')::uuid; end if;
  -- The helper's own match, and active.
  perform 1 from public.matches m where m.id = p_match and m.helper_id = v_actor and m.status = 'active';
  if not found then perform private.fail('match_closed'); end if;
  -- The triggers set organisation and town and check the day (hours_in_future,
  -- hours_before_match, hours_exceed_day).
  begin
    insert into public.hour_logs (match_id, helper_id, worked_on, hours, note, client_key)
    values (p_match, v_actor, p_worked_on, p_hours, coalesce(p_note, ''), p_client_key)
    returning id into v_log;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint = 'hour_logs_client_key_key' then perform private.fail('client_key_used'); end if;
    raise;
  end;
  perform private.client_request_remember(p_client_key, 'log_hours', v_input, to_jsonb(v_log));
  return v_log;
end
$$;
comment on function app.log_hours(uuid, uuid, date, numeric, text) is
  'The current person logs hours on their own active match (match_closed otherwise): the only way to log hours. Returns the log. With a client key, a repeat of the same request answers the first log and writes nothing; another person''s key, or a key already on a log: client_key_used.';
