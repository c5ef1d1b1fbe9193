-- The verbs a phone may queue offline, with the key it made up (see 20261128003900): logging
-- hours, "I can help", and the helper's yes or no to a proposal. A repeat under the same key by
-- the same person answers what the first call answered and writes nothing.
-- Each verb with a key has a name of its own (`_once`) beside the verb it wraps, so every function
-- name is defined once.

-- Logging hours is a verb, the only way hours are logged (no insert policy on hour_logs): an
-- insert could not recognise a repeat once the log was withdrawn or reviewed. The key is stored on
-- the log too (hour_logs.client_key, unique); without a key it logs once per call. A key already
-- on a log (two calls with one key at the same time) is client_key_used, not a unique violation.
create function app.log_hours(p_client_key uuid, p_match uuid, p_worked_on date, p_hours numeric, p_note text)
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
  -- hours_before_match, hours_after_match, hours_exceed_day).
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

create function app.request_match_once(p_need uuid, p_client_key uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_input jsonb := jsonb_build_object('need', p_need);
  v_seen jsonb;
  v_match uuid;
begin
  if (select auth.uid()) is null then perform private.fail('not_allowed'); end if;
  v_seen := private.client_request_answer(p_client_key, 'request_match', v_input);
  if v_seen is not null then return (v_seen ->> 'result')::uuid; end if;
  v_match := app.request_match(p_need);
  perform private.client_request_remember(p_client_key, 'request_match', v_input, to_jsonb(v_match));
  return v_match;
end
$$;
comment on function app.request_match_once(uuid, uuid) is
  '"I can help" (app.request_match(uuid)) with a client key: a repeat of the same request answers the first match and writes nothing; another person''s key: client_key_used.';

create function app.accept_match_once(p_match uuid, p_client_key uuid) returns public.match_status
language plpgsql security definer set search_path = ''
as $$
declare
  v_input jsonb := jsonb_build_object('match', p_match);
  v_seen jsonb;
  v_status public.match_status;
begin
  if (select auth.uid()) is null then perform private.fail('not_allowed'); end if;
  v_seen := private.client_request_answer(p_client_key, 'accept_match', v_input);
  if v_seen is not null then return (v_seen ->> 'result')::public.match_status; end if;
  v_status := app.accept_match(p_match);
  perform private.client_request_remember(p_client_key, 'accept_match', v_input, to_jsonb(v_status));
  return v_status;
end
$$;
comment on function app.accept_match_once(uuid, uuid) is
  'Accepting (app.accept_match(uuid)) with a client key: a repeat of the same request answers the first status and changes nothing; another person''s key: client_key_used.';

create function app.decline_match_once(p_match uuid, p_client_key uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_input jsonb := jsonb_build_object('match', p_match);
begin
  if (select auth.uid()) is null then perform private.fail('not_allowed'); end if;
  if private.client_request_answer(p_client_key, 'decline_match', v_input) is not null then return; end if;
  perform app.decline_match(p_match);
  perform private.client_request_remember(p_client_key, 'decline_match', v_input, null);
end
$$;
comment on function app.decline_match_once(uuid, uuid) is
  'Declining (app.decline_match(uuid)) with a client key: a repeat of the same request answers as the first and changes nothing; another person''s key: client_key_used.';

revoke all on function app.log_hours(uuid, uuid, date, numeric, text) from public, anon;
revoke all on function app.request_match_once(uuid, uuid) from public, anon;
revoke all on function app.accept_match_once(uuid, uuid) from public, anon;
revoke all on function app.decline_match_once(uuid, uuid) from public, anon;
grant execute on function app.log_hours(uuid, uuid, date, numeric, text) to authenticated, service_role;
grant execute on function app.request_match_once(uuid, uuid) to authenticated, service_role;
grant execute on function app.accept_match_once(uuid, uuid) to authenticated, service_role;
grant execute on function app.decline_match_once(uuid, uuid) to authenticated, service_role;
