-- Mail preferences: each person turns each kind of mail off (and on again) and chooses "at once"
-- or "one daily digest". Sign-in codes and invitations are not kinds one can turn off. Every event
-- mail is queued through private.queue_mail, which honours the preference.

-- ---------------------------------------------------------------------------------------------
-- Kinds
-- ---------------------------------------------------------------------------------------------
create function private.mail_kinds() returns text[]
language sql immutable set search_path = ''
as $$
  select array['proposal', 'match_active', 'match_ended', 'hours_reviewed', 'reminder',
               'help_offered', 'proposal_answered', 'need_decided', 'hours_to_review',
               'approvals_waiting', 'pool_message']
$$;
comment on function private.mail_kinds() is
  'The kinds of mail a person may turn off or receive as a daily digest (sign-in codes and invitations are not among them).';

create function private.mail_digest_by_default(p_kind text) returns boolean
language sql immutable set search_path = ''
as $$
  -- One mail per hour log or per waiting approval would be noise: these come as a digest.
  select p_kind in ('hours_to_review', 'approvals_waiting')
$$;
comment on function private.mail_digest_by_default(text) is 'Whether a kind comes as a daily digest until the person chooses otherwise.';

revoke execute on function private.mail_kinds() from public, anon;
revoke execute on function private.mail_digest_by_default(text) from public, anon;
grant execute on function private.mail_kinds() to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Preferences
-- ---------------------------------------------------------------------------------------------
create table public.mail_preferences (
  person_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null check (kind = any (private.mail_kinds())),
  enabled boolean not null default true,
  digest boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (person_id, kind)
);
comment on table public.mail_preferences is
  'A person''s choice per kind of mail: on or off, at once or in the daily digest. No row: on, and the kind''s default timing.';
alter table public.mail_preferences enable row level security;

grant select on public.mail_preferences to authenticated;
grant insert (person_id, kind, enabled, digest) on public.mail_preferences to authenticated;
grant update (enabled, digest, updated_at) on public.mail_preferences to authenticated;
grant all on public.mail_preferences to service_role;

create policy "People read their own mail preferences" on public.mail_preferences
  for select to authenticated using (person_id = (select auth.uid()));
create policy "People set their own mail preferences" on public.mail_preferences
  for insert to authenticated with check (person_id = (select auth.uid()));
create policy "People change their own mail preferences" on public.mail_preferences
  for update to authenticated
  using (person_id = (select auth.uid())) with check (person_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Queueing an event mail (for the verbs and triggers)
-- ---------------------------------------------------------------------------------------------
create function private.queue_mail(p_person uuid, p_kind text, p_payload jsonb) returns bigint
language plpgsql security definer set search_path = ''
as $$
declare
  v_email text;
  v_locale public.app_locale;
  v_pref public.mail_preferences;
  v_digest boolean;
  v_id bigint;
begin
  if p_kind is null or p_kind not in (select unnest(private.mail_kinds())) then
    raise exception 'unknown mail kind %', p_kind;
  end if;
  select u.email, coalesce(p.locale, 'de') into v_email, v_locale
  from auth.users u left join public.profiles p on p.id = u.id where u.id = p_person;
  if v_email is null then return null; end if;
  select * into v_pref from public.mail_preferences where person_id = p_person and kind = p_kind;
  if found and not v_pref.enabled then return null; end if;
  v_digest := case when found then v_pref.digest else private.mail_digest_by_default(p_kind) end;
  insert into private.outbox (recipient, person_id, kind, locale, payload, digest, next_attempt_at)
  values (v_email, p_person, p_kind, v_locale, coalesce(p_payload, '{}'), v_digest,
          case when v_digest then private.next_mail_digest_at(now()) else now() end)
  returning id into v_id;
  return v_id;
end
$$;
comment on function private.queue_mail(uuid, text, jsonb) is
  'Queues an event mail of a kind to a person, in their language, unless they turned the kind off; as a digest item when they chose the digest. Returns the outbox id, or null when nothing was queued.';
revoke execute on function private.queue_mail(uuid, text, jsonb) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- One-click unsubscribe (the server checks the signed token, then calls this as the system)
-- ---------------------------------------------------------------------------------------------
create function private.unsubscribe_mail(p_person uuid, p_kinds text[]) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  if exists (select 1 from unnest(p_kinds) k where k not in (select unnest(private.mail_kinds()))) then
    raise exception 'unknown mail kind';
  end if;
  if not exists (select 1 from public.profiles where id = p_person) then return 0; end if;
  insert into public.mail_preferences (person_id, kind, enabled, digest)
  select p_person, k, false, private.mail_digest_by_default(k) from unnest(p_kinds) k
  on conflict (person_id, kind) do update set enabled = false, updated_at = now();
  get diagnostics v_count = row_count;
  -- Mails of those kinds still waiting (digest items) do not go out either.
  delete from private.outbox where person_id = p_person and kind = any (p_kinds) and status = 'queued';
  return v_count;
end
$$;
comment on function private.unsubscribe_mail(uuid, text[]) is
  'Turns the given kinds off for a person (the one-click unsubscribe link, after the server checked its signature) and drops their waiting mails of those kinds. For the system only.';
revoke execute on function private.unsubscribe_mail(uuid, text[]) from public, anon, authenticated;
