-- Calendar feeds: a person's private iCal subscription of their active commitments and their
-- weekly windows, for a phone calendar to subscribe to.
--
-- A phone calendar has no session, so the feed URL itself is the key: it carries a 256-bit
-- random token, and the database keeps only the token's SHA-256 hash (as it does for sessions),
-- in `private`, where no API role reaches. The person issues, renews and revokes their feed
-- through the verbs below; the feed is read by its token alone, anonymously.

-- ---------------------------------------------------------------------------------------------
-- Feeds: at most one per person
-- ---------------------------------------------------------------------------------------------
create table private.calendar_feeds (
  person_id uuid primary key references public.profiles (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  issued_at timestamptz not null default now()
);
comment on table private.calendar_feeds is
  'A person''s private calendar feed: the SHA-256 hash (hex) of the token in its URL, never the token. Renewing replaces the hash, so the old URL stops working; revoking deletes the row.';

-- No policy and no grant: only the verbs below (as the owner) and the server's own role read it.
alter table private.calendar_feeds enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Verbs: the person's own feed
-- ---------------------------------------------------------------------------------------------
create function app.issue_calendar_feed(p_token_hash text) returns timestamptz
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_issued timestamptz;
begin
  if v_me is null then perform private.fail('not_allowed'); end if;
  insert into private.calendar_feeds as f (person_id, token_hash) values (v_me, p_token_hash)
  on conflict (person_id) do update set token_hash = excluded.token_hash, issued_at = now()
  returning f.issued_at into v_issued;
  return v_issued;
end
$$;
comment on function app.issue_calendar_feed(text) is
  'Gives the current person a calendar feed with this token hash, or renews theirs (the old token stops working at once); returns when it was issued. Raises not_allowed without a person.';

create function app.revoke_calendar_feed() returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
begin
  if v_me is null then perform private.fail('not_allowed'); end if;
  delete from private.calendar_feeds where person_id = v_me;
  return found;
end
$$;
comment on function app.revoke_calendar_feed() is
  'Deletes the current person''s calendar feed: its URL answers nothing from now on. True when there was one.';

create function app.my_calendar_feed() returns timestamptz
language sql stable security definer set search_path = ''
as $$ select f.issued_at from private.calendar_feeds f where f.person_id = (select auth.uid()) $$;
comment on function app.my_calendar_feed() is
  'When the current person''s calendar feed was issued; null when they have none. Never the token or its hash.';

grant execute on function app.issue_calendar_feed(text), app.revoke_calendar_feed(), app.my_calendar_feed()
  to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The feed, by token: anyone holding the URL, nobody else
-- ---------------------------------------------------------------------------------------------
-- What the helper already sees of an active match and nothing more: the need's title,
-- description (never personal data), district or "remote", dates, hours and the organisation's
-- name. No contact details: the calendar may sync to third parties.
--
-- A commitment's weekly windows are the need's windows, narrowed to the helper's own offer
-- where both list windows and they still overlap (matching required it; an offer changed
-- later falls back to the need's times). A need without windows has no fixed weekly time: the
-- helper's whole availability would only clutter their calendar, so the app shows its dates.
create function app.calendar_feed(p_token_hash text) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'locale', p.locale,
    'commitments', coalesce((
      select jsonb_agg(jsonb_build_object(
               'match', m.id,
               'title', n.title,
               'description', n.description,
               'organisation', o.name,
               'district', d.name,
               'remote', n.remote,
               'cadence', n.cadence,
               'hours', n.hours,
               'startsOn', n.starts_on,
               'endsOn', n.ends_on,
               'windows', (case
                 when n.time_windows is null or isempty(n.time_windows) then null
                 when ofr.availability is null or not (ofr.availability && n.time_windows) then n.time_windows
                 else ofr.availability * n.time_windows
               end)::text)
             order by n.starts_on, m.id)
      from public.matches m
      join public.needs n on n.id = m.need_id
      join public.organisations o on o.id = m.organisation_id
      left join public.districts d on d.id = n.district_id
      left join public.offers ofr on ofr.helper_id = m.helper_id
      where m.helper_id = f.person_id and m.status = 'active'), '[]'::jsonb))
  from private.calendar_feeds f
  join public.profiles p on p.id = f.person_id
  where f.token_hash = p_token_hash
$$;
comment on function app.calendar_feed(text) is
  'The calendar feed whose token has this hash: the owner''s language and their active commitments (need, organisation, place, dates, weekly windows as an int4multirange text). Null for an unknown or revoked token, whatever the caller.';

-- Anonymous on purpose: a phone calendar subscribes without a session; the token is the key.
grant execute on function app.calendar_feed(text) to anon, authenticated, service_role;
