-- Mail delivery from the outbox (20261128001400 says the states; the sender,
-- src/lib/server/mail/sender.ts, claims rows with `for update skip locked` and records the outcome
-- itself): the daily digests the sender composes on each run, and the failed mails platform admins
-- see.

-- ---------------------------------------------------------------------------------------------
-- Digest time and digests
-- ---------------------------------------------------------------------------------------------
create function private.next_mail_digest_at(p_now timestamptz) returns timestamptz
language sql immutable set search_path = ''
as $$
  -- The next 07:00 in Berlin after p_now.
  select case when t > p_now then t else t + interval '1 day' end
  from (select ((date_trunc('day', p_now at time zone 'Europe/Berlin') + interval '7 hours')
                at time zone 'Europe/Berlin') as t) d
$$;
comment on function private.next_mail_digest_at(timestamptz) is 'When the daily digest goes out: the next 07:00 Europe/Berlin after the given moment.';

create function private.compose_mail_digests(p_now timestamptz) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v record;
  v_digest bigint;
  v_count integer := 0;
begin
  -- Each sender locks only the items no other sender holds; an item goes into one digest only.
  for v in
    with due as materialized (
      select o.id, o.person_id, o.recipient, o.locale, o.kind, o.payload
      from private.outbox o
      where o.status = 'queued' and o.digest and o.next_attempt_at <= p_now
      order by o.id
      for update skip locked)
    select person_id, recipient, locale, array_agg(id order by id) as ids,
           jsonb_agg(jsonb_build_object('kind', kind, 'payload', payload) order by id) as items
    from due group by person_id, recipient, locale
  loop
    insert into private.outbox (recipient, person_id, kind, locale, payload)
    values (v.recipient, v.person_id, 'digest', v.locale, jsonb_build_object('items', v.items))
    returning id into v_digest;
    update private.outbox set status = 'digested', digest_id = v_digest where id = any (v.ids);
    v_count := v_count + 1;
  end loop;
  return v_count;
end
$$;
comment on function private.compose_mail_digests(timestamptz) is
  'Folds each recipient''s due digest items into one digest mail (kind digest, payload.items); returns how many digests were written. For the sender only.';

revoke execute on function private.next_mail_digest_at(timestamptz) from public, anon, authenticated;
revoke execute on function private.compose_mail_digests(timestamptz) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Failed mails: the platform admin sees them (nothing is lost silently)
-- ---------------------------------------------------------------------------------------------
create function app.failed_mails(p_limit integer default 100)
returns table (id bigint, recipient text, kind text, subject text, attempts integer,
               last_error text, created_at timestamptz, failed_at timestamptz)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.is_platform_admin() then perform private.fail('not_allowed'); end if;
  return query
    select o.id, o.recipient, o.kind, o.subject, o.attempts, o.last_error, o.created_at, o.failed_at
    from private.outbox o where o.status = 'failed'
    order by o.failed_at desc limit least(greatest(coalesce(p_limit, 100), 1), 500);
end
$$;
comment on function app.failed_mails(integer) is
  'Mails the sender gave up on, newest first, with the reason: for platform admins only (others are refused).';
revoke execute on function app.failed_mails(integer) from public, anon;
grant execute on function app.failed_mails(integer) to authenticated;
