-- Mail delivery from the outbox: every mail is a row written in the transaction of the step that
-- causes it; the sender (src/lib/server/mail/sender.ts) claims due rows with `for update skip
-- locked`, sends them outside any transaction and records the outcome. A row is either written
-- out (subject + body, as the older verbs and the sign-in code do) or an event (kind + payload,
-- rendered in the recipient's language by the sender, with its unsubscribe link).
--
-- States: queued → sending (claimed, with a lease) → sent | queued again (retry, back-off) |
-- failed (after the last try, with the reason). A digest item waits until its digest time and
-- is then folded into one digest row (digested). A sender that stops mid-batch leaves rows in
-- `sending`; once their lease has run out another sender claims them again.

-- ---------------------------------------------------------------------------------------------
-- Delivery state on the outbox
-- ---------------------------------------------------------------------------------------------
alter table private.outbox
  alter column subject drop not null,
  alter column body drop not null,
  add column person_id uuid references auth.users (id) on delete cascade,
  add column kind text check (kind is null or kind ~ '^[a-z_]{2,40}$'),
  add column locale public.app_locale not null default 'de',
  add column payload jsonb,
  add column digest boolean not null default false,
  add column status text not null default 'queued'
    check (status in ('queued', 'sending', 'sent', 'failed', 'digested')),
  add column attempts integer not null default 0 check (attempts >= 0),
  add column next_attempt_at timestamptz not null default now(),
  add column claimed_until timestamptz,
  add column last_error text check (last_error is null or length(last_error) <= 1000),
  add column failed_at timestamptz,
  add column digest_id bigint references private.outbox (id) on delete set null,
  add constraint outbox_content_check
    check ((subject is not null and body is not null) or (kind is not null and payload is not null)),
  add constraint outbox_sent_check check ((status = 'sent') = (sent_at is not null)),
  add constraint outbox_failed_check check ((status = 'failed') = (failed_at is not null));

-- What the senders look for: due rows that are queued, or claimed by a sender whose lease ran out.
create index outbox_due_idx on private.outbox (next_attempt_at, id) where status in ('queued', 'sending');
create index outbox_person_idx on private.outbox (person_id);
create index outbox_digest_idx on private.outbox (digest_id);
create index outbox_failed_idx on private.outbox (failed_at desc) where status = 'failed';

comment on column private.outbox.kind is 'The event kind (proposal, hours_reviewed, …, digest, sign_in_code); null for a mail written out by an older verb.';
comment on column private.outbox.payload is 'What the template of the kind needs (titles, reasons, the path where the recipient acts); never the people helped, never contact details outside an active match.';
comment on column private.outbox.status is 'queued, sending (claimed until claimed_until), sent, failed (last_error says why) or digested (folded into the digest row digest_id).';
comment on column private.outbox.digest is 'A digest item: waits until next_attempt_at (the next digest time) and then goes out in one digest mail with the recipient''s other items.';

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
