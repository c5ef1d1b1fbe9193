-- Offline actions sent again: a phone that lost its connection keeps "log hours", "I can help"
-- and the helper's answer to a proposal, and sends them when it is back online — possibly twice
-- (background sync and the page both replay, or the first answer was lost on the way). Each such
-- request carries a key the phone made up (a UUID). The first request with a key is remembered
-- here with its answer; the same person sending the same request under the same key again gets
-- that answer back and nothing is written twice. Another person's key, or another request under
-- a key already used, is refused as client_key_used, which says nothing about the first one.
create table private.client_requests (
  client_key uuid primary key,
  person_id uuid not null references public.profiles (id) on delete cascade,
  action text not null check (action in ('log_hours', 'request_match', 'accept_match', 'decline_match')),
  input jsonb not null,
  result jsonb not null,
  created_at timestamptz not null default now()
);
create index client_requests_person_idx on private.client_requests (person_id);
-- For housekeeping (private.run_housekeeping), which deletes keys 90 days old.
create index client_requests_created_idx on private.client_requests (created_at);
comment on table private.client_requests is
  'Requests a phone may send again (queued offline), by the key it made up: who sent which request and what it answered, so a repeat gets the same answer and writes nothing.';
alter table private.client_requests enable row level security;

create function private.client_request_answer(p_key uuid, p_action text, p_input jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_row private.client_requests;
begin
  if p_key is null then return null; end if;
  -- One request per key at a time: a second copy waits for the first to commit, then finds it.
  perform pg_advisory_xact_lock(hashtextextended('client_request:' || p_key::text, 0));
  select * into v_row from private.client_requests c where c.client_key = p_key;
  if v_row.client_key is null then return null; end if;
  if v_row.person_id is distinct from (select auth.uid()) or v_row.action <> p_action
     or v_row.input <> p_input then
    perform private.fail('client_key_used');
  end if;
  return jsonb_build_object('result', v_row.result);
end
$$;
comment on function private.client_request_answer(uuid, text, jsonb) is
  'For a verb called with a client key: null when the key is new (go on; the key stays locked until commit), else {"result": the first answer} when the current person sent this very request before. Another person''s key or another request under it: client_key_used.';

create function private.client_request_remember(p_key uuid, p_action text, p_input jsonb, p_result jsonb) returns void
language sql security definer set search_path = ''
as $$
  insert into private.client_requests (client_key, person_id, action, input, result)
  select p_key, (select auth.uid()), p_action, p_input, coalesce(p_result, 'null'::jsonb)
  where p_key is not null
$$;
comment on function private.client_request_remember(uuid, text, jsonb, jsonb) is
  'Remembers the answer of a request sent with a client key (nothing without a key).';

revoke execute on function private.client_request_answer(uuid, text, jsonb) from public, anon, authenticated;
revoke execute on function private.client_request_remember(uuid, text, jsonb, jsonb) from public, anon, authenticated;
