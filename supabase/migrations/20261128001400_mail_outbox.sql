-- Mail outbox, in `private`: reached only by the server's own database role.

-- ---------------------------------------------------------------------------------------------
-- Mail outbox: every mail the app sends is recorded here first; the dev outbox page reads it.
-- ---------------------------------------------------------------------------------------------
create table private.outbox (
  id bigint generated always as identity primary key,
  recipient text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_created_idx on private.outbox (created_at desc);
comment on table private.outbox is 'Mails to send; in development the /dev/outbox page shows them instead.';

alter table private.outbox enable row level security;
