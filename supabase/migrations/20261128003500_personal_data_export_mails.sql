-- The export's mails, as the outbox keeps them since mail went through it (migration 3200): an
-- event mail is a kind and the payload its template reads, not a subject and a body. app.my_data
-- (migration 1800) lists subject and body only, which are empty for those; this wraps it and
-- lists every mail to the person (by account or address) whole, as stored, with its state.
create function app.my_personal_data() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select app.my_data() || jsonb_build_object('private.outbox',
    (select coalesce(jsonb_agg(jsonb_build_object(
              'kind', o.kind, 'payload', o.payload, 'locale', o.locale,
              'subject', o.subject, 'body', o.body, 'status', o.status,
              'created_at', o.created_at, 'sent_at', o.sent_at, 'failed_at', o.failed_at)
            order by o.id), '[]'::jsonb)
     from private.outbox o
     where o.person_id = (select auth.uid())
        or lower(o.recipient) = (select lower(u.email) from auth.users u where u.id = (select auth.uid()))))
$$;
comment on function app.my_personal_data() is
  'Everything stored about the current person (app.my_data), with every mail to them whole: kind and payload of event mails, subject and body of written ones, state and times.';
revoke execute on function app.my_personal_data() from public, anon;
grant execute on function app.my_personal_data() to authenticated, service_role;
