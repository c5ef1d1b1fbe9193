-- Reminders by mail, so a pairing that quietly stopped is noticed: the day before a dated
-- commitment (a one-off need of an active match) the helper is reminded; once a month each
-- active match asks its helper "how is it going?" with one-click answers (fine / I have a concern
-- / it ended). An answer is recorded; a concern or an end reaches the organisation's coordinators
-- by mail at once (not a kind one can turn off: it is what the check-in is for). The sender runs
-- private.queue_mail_reminders on each of its runs; each reminder is written once.

-- ---------------------------------------------------------------------------------------------
-- What was reminded of, and the answers
-- ---------------------------------------------------------------------------------------------
create table private.match_reminders (
  match_id uuid not null references public.matches (id) on delete cascade,
  -- 'day_before' with the commitment's date, or 'check_in' with the first day of its month.
  reminder text not null check (reminder in ('day_before', 'check_in')),
  on_date date not null,
  sent_at timestamptz not null default now(),
  answer text check (answer in ('fine', 'concern', 'ended')),
  answered_at timestamptz,
  primary key (match_id, reminder, on_date),
  check ((answer is null) = (answered_at is null)),
  check (answer is null or reminder = 'check_in')
);
comment on table private.match_reminders is
  'Which reminders went out for a match (once each), and the helper''s one-click answer to a monthly check-in.';
alter table private.match_reminders enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Writing the reminders due
-- ---------------------------------------------------------------------------------------------
create function private.queue_mail_reminders(p_now timestamptz) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_today date := (p_now at time zone 'Europe/Berlin')::date;
  v_month date := date_trunc('month', v_today)::date;
  v record;
  v_count integer := 0;
begin
  -- The day before a one-off commitment.
  for v in
    insert into private.match_reminders (match_id, reminder, on_date)
    select m.id, 'day_before', n.starts_on
    from public.matches m join public.needs n on n.id = m.need_id
    where m.status = 'active' and n.cadence = 'one_off' and n.starts_on = v_today + 1
    on conflict do nothing
    returning match_id
  loop
    perform private.queue_mail(m.helper_id, 'reminder',
                               jsonb_build_object('title', n.title, 'date', n.starts_on, 'path', '/matches'))
    from public.matches m join public.needs n on n.id = m.need_id where m.id = v.match_id;
    v_count := v_count + 1;
  end loop;
  -- Once a month for every match active for four weeks or more.
  for v in
    insert into private.match_reminders (match_id, reminder, on_date)
    select m.id, 'check_in', v_month
    from public.matches m
    where m.status = 'active' and m.activated_at <= p_now - interval '28 days'
    on conflict do nothing
    returning match_id
  loop
    perform private.queue_mail(m.helper_id, 'reminder',
                               jsonb_build_object('check_in', true, 'match', m.id, 'month', v_month,
                                                  'title', n.title, 'organisation', o.name, 'path', '/matches'))
    from public.matches m join public.needs n on n.id = m.need_id
    join public.organisations o on o.id = m.organisation_id
    where m.id = v.match_id;
    v_count := v_count + 1;
  end loop;
  return v_count;
end
$$;
comment on function private.queue_mail_reminders(timestamptz) is
  'Queues the reminders due at the given moment: the day before a one-off commitment of an active match, and the monthly check-in of each match active for 28 days or more; each once. Returns how many. For the sender only.';
revoke execute on function private.queue_mail_reminders(timestamptz) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- The helper's answer (the server checks the signed link, then calls this as the system)
-- ---------------------------------------------------------------------------------------------
create function private.answer_check_in(p_match uuid, p_helper uuid, p_month date, p_answer text)
returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  v record;
begin
  if p_answer not in ('fine', 'concern', 'ended') then raise exception 'unknown answer %', p_answer; end if;
  select m.organisation_id, n.title into v
  from public.matches m join public.needs n on n.id = m.need_id
  where m.id = p_match and m.helper_id = p_helper;
  if not found then return false; end if;
  -- The first answer counts; a second click changes nothing and tells nobody again.
  update private.match_reminders set answer = p_answer, answered_at = now()
  where match_id = p_match and reminder = 'check_in' and on_date = p_month and answer is null;
  if not found then return false; end if;
  if p_answer in ('concern', 'ended') then
    insert into private.outbox (recipient, person_id, locale, subject, body)
    select u.email, u.id, p.locale,
           case p.locale when 'en' then 'Check-in: ' || v.title
                         else 'Nachgefragt: ' || v.title end,
           case when p.locale = 'en' and p_answer = 'concern' then
                  format(E'Hello,\n\nasked how the match "%s" is going, the helper answered: "I have a concern". Please get in touch with them (Zeitspende: your organisation''s matches).\n\nYour Zeitspende team\n', v.title)
                when p.locale = 'en' then
                  format(E'Hello,\n\nasked how the match "%s" is going, the helper answered: "It has ended". Please look at the match and end it if it is over (Zeitspende: your organisation''s matches).\n\nYour Zeitspende team\n', v.title)
                when p_answer = 'concern' then
                  format(E'Hallo,\n\nauf die Frage, wie das Match „%s“ läuft, hat die helfende Person geantwortet: „Ich habe ein Anliegen“. Bitte meldet euch bei ihr (Zeitspende: Matches eurer Organisation).\n\nDein Zeitspende-Team\n', v.title)
                else
                  format(E'Hallo,\n\nauf die Frage, wie das Match „%s“ läuft, hat die helfende Person geantwortet: „Es ist vorbei“. Bitte seht euch das Match an und beendet es, wenn es vorbei ist (Zeitspende: Matches eurer Organisation).\n\nDein Zeitspende-Team\n', v.title)
           end
    from private.mail_organisation_coordinators(v.organisation_id, p_helper) as c (person_id)
    join auth.users u on u.id = c.person_id
    join public.profiles p on p.id = c.person_id;
  end if;
  return true;
end
$$;
comment on function private.answer_check_in(uuid, uuid, date, text) is
  'Records the helper''s first answer to a monthly check-in (from the signed link in the mail) and mails a concern or an end to the organisation''s coordinators. Returns whether it was recorded. For the system only.';
revoke execute on function private.answer_check_in(uuid, uuid, date, text) from public, anon, authenticated;
