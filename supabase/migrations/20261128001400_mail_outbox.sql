-- Mail outbox, in `private`: reached only by the server's own database role.
--
-- Every mail the app sends is a row written in the transaction of the step that causes it; the
-- sender (src/lib/server/mail/sender.ts, functions in 20261128003200) claims due rows, sends them
-- outside any transaction and records the outcome; in development the /dev/outbox page shows them.
-- A row is either written out in full (subject + body: invitations, account deletion, §72a and
-- check-in mails, the sign-in code) or an event (kind +
-- payload, rendered in the recipient's language by the sender, with its unsubscribe link).
--
-- States: queued → sending (claimed, with a lease) → sent | queued again (retry, back-off) |
-- failed (after the last try, with the reason). A digest item waits until its digest time and
-- is then folded into one digest row (digested). A sender that stops mid-batch leaves rows in
-- `sending`; once their lease has run out another sender claims them again.

create table private.outbox (
  id bigint generated always as identity primary key,
  recipient text not null,
  subject text,
  body text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  person_id uuid references auth.users (id) on delete cascade,
  kind text check (kind is null or kind ~ '^[a-z_]{2,40}$'),
  locale public.app_locale not null default 'de',
  payload jsonb,
  digest boolean not null default false,
  status text not null default 'queued'
    check (status in ('queued', 'sending', 'sent', 'failed', 'digested')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  claimed_until timestamptz,
  last_error text check (last_error is null or length(last_error) <= 1000),
  failed_at timestamptz,
  digest_id bigint references private.outbox (id) on delete set null,
  constraint outbox_content_check
    check ((subject is not null and body is not null) or (kind is not null and payload is not null)),
  constraint outbox_sent_check check ((status = 'sent') = (sent_at is not null)),
  constraint outbox_failed_check check ((status = 'failed') = (failed_at is not null))
);
create index outbox_created_idx on private.outbox (created_at desc);
-- What the senders look for: due rows that are queued, or claimed by a sender whose lease ran out.
create index outbox_due_idx on private.outbox (next_attempt_at, id) where status in ('queued', 'sending');
create index outbox_person_idx on private.outbox (person_id);
create index outbox_digest_idx on private.outbox (digest_id);
create index outbox_failed_idx on private.outbox (failed_at desc) where status = 'failed';
comment on table private.outbox is 'Mails to send; in development the /dev/outbox page shows them instead.';
comment on column private.outbox.kind is 'The event kind (proposal, hours_reviewed, …, digest, sign_in_code); null for most mails their verb writes out in full (invitations, account deletion, §72a and check-in mails).';
comment on column private.outbox.payload is 'What the template of the kind needs (titles, reasons, the path where the recipient acts); never the people helped, never contact details outside an active match.';
comment on column private.outbox.status is 'queued, sending (claimed until claimed_until), sent, failed (last_error says why) or digested (folded into the digest row digest_id).';
comment on column private.outbox.digest is 'A digest item: waits until next_attempt_at (the next digest time) and then goes out in one digest mail with the recipient''s other items.';

alter table private.outbox enable row level security;
