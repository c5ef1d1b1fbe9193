-- Pool invitations by e-mail: a coordinator invites an address into the organisation's pool,
-- whether or not it has an account yet. With an account the invited membership exists at once;
-- without one the invitation waits for that address and becomes an invited membership when the
-- account is created (its first sign-in), so it shows on /pools. Resend and withdraw; every
-- invitation mail is written to private.outbox in the same transaction.
--
-- Lock order: the organisation row, then the address (an advisory lock the account trigger takes
-- too), so an invitation and the first sign-in of its address never miss each other.

-- ---------------------------------------------------------------------------------------------
-- Invitations
-- ---------------------------------------------------------------------------------------------
create table public.pool_invitations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  email text not null check (email = lower(email) and length(email) <= 254
                             and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  -- The language of the mails while the address has no account (the inviter's choice).
  locale public.app_locale not null default 'de',
  invited_by uuid references public.profiles (id) on delete set null,
  -- Set once the address has an account: the invited (later answered) membership. It goes with
  -- the membership (withdrawn, removed, account deleted).
  membership_id uuid unique references public.memberships (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_sent_at timestamptz not null default now()
);
-- One waiting invitation per organisation and address (with an account, memberships' own
-- unique key says the same).
create unique index pool_invitations_waiting_key on public.pool_invitations (organisation_id, email)
  where membership_id is null;
create index pool_invitations_email_idx on public.pool_invitations (email) where membership_id is null;
-- Under the column the read policy reads (every invitation of an organisation), and under the
-- inviter, whom an account deletion sets null.
create index pool_invitations_organisation_idx on public.pool_invitations (organisation_id);
create index pool_invitations_invited_by_idx on public.pool_invitations (invited_by);
comment on table public.pool_invitations is
  'Invitations by e-mail into an organisation''s pool: waiting for an account (membership_id null) or delivered as an invited membership. Written only by the pool invitation verbs and the new-account trigger.';
alter table public.pool_invitations enable row level security;

grant select on public.pool_invitations to authenticated;
grant all on public.pool_invitations to service_role;

create policy "Coordinators read their organisations' invitations" on public.pool_invitations
  for select to authenticated
  using (organisation_id in (select private.coordinated_organisation_ids()));

-- ---------------------------------------------------------------------------------------------
-- The invitation mail
-- ---------------------------------------------------------------------------------------------
create function private.mail_pool_invitation(p_invitation uuid, p_origin text) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v record;
  v_link text;
begin
  if p_origin is not null and p_origin !~ '^https?://[A-Za-z0-9.:\[\]-]+$' then
    perform private.fail('not_allowed');
  end if;
  v_link := coalesce(p_origin, '') || '/pools';
  select i.email, coalesce(p.locale, i.locale) as locale, o.name as organisation, mu.name as town,
         coalesce(nullif(inviter.display_name, ''), o.name) as inviter
  into v
  from public.pool_invitations i
  join public.organisations o on o.id = i.organisation_id
  join public.municipalities mu on mu.id = o.municipality_id
  left join public.memberships ms on ms.id = i.membership_id
  left join public.profiles p on p.id = ms.person_id
  left join public.profiles inviter on inviter.id = i.invited_by
  where i.id = p_invitation;

  insert into private.outbox (recipient, subject, body)
  values (
    v.email,
    case v.locale when 'de' then 'Einladung in den Pool von ' || v.organisation
                  else 'Invitation to the pool of ' || v.organisation end,
    case v.locale
      when 'de' then format(E'%s lädt dich in den Pool von %s (%s) bei Zeitspende ein.\n\nMelde dich mit dieser E-Mail-Adresse an und sag unter „Meine Pools“ zu oder ab:\n%s\n\nNur du entscheidest; ohne deine Zusage sieht die Organisation nichts von dir.\n',
                         v.inviter, v.organisation, v.town, v_link)
      else format(E'%s invites you into the pool of %s (%s) on Zeitspende.\n\nSign in with this e-mail address and accept or decline under "My pools":\n%s\n\nOnly you decide; until you accept, the organisation sees nothing about you.\n',
                  v.inviter, v.organisation, v.town, v_link)
    end);
  update public.pool_invitations set last_sent_at = now() where id = p_invitation;
end
$$;
comment on function private.mail_pool_invitation(uuid, text) is
  'Writes the invitation mail to private.outbox, in the recipient''s language when the address has an account, else in the one the inviter chose, with the link to /pools under p_origin (the site''s address).';

-- ---------------------------------------------------------------------------------------------
-- Verbs: invite, resend, withdraw (coordinators of the organisation)
-- ---------------------------------------------------------------------------------------------
create function app.invite_to_pool(p_organisation uuid, p_email text,
                                   p_locale public.app_locale default 'de', p_origin text default null)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_email text := lower(trim(coalesce(p_email, '')));
  v_person uuid;
  v_membership public.memberships;
  v_invitation uuid;
begin
  if v_me is null or p_organisation is null
     or p_organisation not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  if length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    perform private.fail('email_invalid');
  end if;
  perform 1 from public.organisations where id = p_organisation for update;
  -- One of 64 locks per address (not one per address): a transaction creating thousands of
  -- accounts (an import) would otherwise fill the lock table; invitations and sign-ups of the
  -- same address still meet on the same lock.
  perform pg_advisory_xact_lock(7201, hashtext(v_email) & 63);

  select u.id into v_person from auth.users u where lower(u.email) = v_email;
  if v_person = v_me then perform private.fail('invite_self'); end if;

  if v_person is null then
    if exists (select 1 from public.pool_invitations i
               where i.organisation_id = p_organisation and i.email = v_email and i.membership_id is null) then
      perform private.fail('already_invited');
    end if;
    insert into public.pool_invitations (organisation_id, email, locale, invited_by)
    values (p_organisation, v_email, coalesce(p_locale, 'de'), v_me)
    returning id into v_invitation;
  else
    select * into v_membership from public.memberships m
    where m.organisation_id = p_organisation and m.person_id = v_person and m.role = 'helper';
    if v_membership.status in ('active', 'paused') then perform private.fail('already_in_pool'); end if;
    if v_membership.status = 'invited' then perform private.fail('already_invited'); end if;
    -- Declined or left: the person's no stands (membership_guard_consent says the same).
    if v_membership.status = 'ended' then perform private.fail('membership_ended'); end if;
    insert into public.memberships (organisation_id, person_id, role, status)
    values (p_organisation, v_person, 'helper', 'invited')
    returning * into v_membership;
    insert into public.pool_invitations (organisation_id, email, locale, invited_by, membership_id)
    values (p_organisation, v_email, coalesce(p_locale, 'de'), v_me, v_membership.id)
    returning id into v_invitation;
  end if;
  perform private.mail_pool_invitation(v_invitation, p_origin);
  return v_invitation;
end
$$;
comment on function app.invite_to_pool(uuid, text, public.app_locale, text) is
  'A coordinator invites an e-mail address into the organisation''s pool and mails it: an invited membership at once when the address has an account, else an invitation that waits for its first sign-in. Raises not_allowed, email_invalid, invite_self, already_in_pool, already_invited, membership_ended (the person declined or left). Returns the invitation.';

-- The invitation a coordinator may still act on: theirs, and not answered yet.
create function private.open_pool_invitation(p_invitation uuid) returns public.pool_invitations
language plpgsql security definer set search_path = ''
as $$
declare
  v public.pool_invitations;
begin
  select * into v from public.pool_invitations where id = p_invitation for update;
  if v.id is null then perform private.fail('invitation_not_found'); end if;
  if v.organisation_id not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  if v.membership_id is not null and not exists (
       select 1 from public.memberships m where m.id = v.membership_id and m.status = 'invited') then
    perform private.fail('invitation_not_found');
  end if;
  return v;
end
$$;
comment on function private.open_pool_invitation(uuid) is
  'Locks an invitation the current person coordinates and that is not answered yet; raises invitation_not_found or not_allowed.';

create function app.resend_pool_invitation(p_invitation uuid, p_origin text default null) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v public.pool_invitations := private.open_pool_invitation(p_invitation);
begin
  -- A mail box is not a coordinator's megaphone: one mail per invitation every five minutes.
  if v.last_sent_at > now() - interval '5 minutes' then
    perform private.fail('invitation_resent_recently');
  end if;
  perform private.mail_pool_invitation(v.id, p_origin);
end
$$;
comment on function app.resend_pool_invitation(uuid, text) is
  'Mails an open invitation again (at most every five minutes: invitation_resent_recently).';

create function app.withdraw_pool_invitation(p_invitation uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v public.pool_invitations := private.open_pool_invitation(p_invitation);
begin
  -- The invited membership goes, and the invitation with it: the address can be invited again.
  if v.membership_id is not null then
    delete from public.memberships where id = v.membership_id and status = 'invited';
  end if;
  delete from public.pool_invitations where id = v.id;
end
$$;
comment on function app.withdraw_pool_invitation(uuid) is
  'Withdraws an open invitation: the waiting invitation, or the invited membership with it, is deleted (nothing about the address stays).';

-- ---------------------------------------------------------------------------------------------
-- A new account: waiting invitations for its address become invited memberships
-- ---------------------------------------------------------------------------------------------
create function private.deliver_pool_invitations() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v record;
  v_membership uuid;
begin
  if new.email is null then return new; end if;
  perform pg_advisory_xact_lock(7201, hashtext(lower(new.email)) & 63);
  for v in
    select i.id, i.organisation_id from public.pool_invitations i
    where i.email = lower(new.email) and i.membership_id is null
    order by i.created_at
  loop
    v_membership := null;
    insert into public.memberships (organisation_id, person_id, role, status)
    values (v.organisation_id, new.id, 'helper', 'invited')
    on conflict (organisation_id, person_id, role) do nothing
    returning id into v_membership;
    if v_membership is null then
      delete from public.pool_invitations where id = v.id;
    else
      update public.pool_invitations set membership_id = v_membership where id = v.id;
    end if;
  end loop;
  return new;
end
$$;
comment on function private.deliver_pool_invitations() is
  'Turns the invitations waiting for a new account''s address into invited memberships (auth.users insert, after the profile exists).';

-- Triggers of one event fire in name order: after on_auth_user_created, which makes the profile.
create trigger on_auth_user_created_pool_invitations
  after insert on auth.users
  for each row execute function private.deliver_pool_invitations();

grant execute on function
  app.invite_to_pool(uuid, text, public.app_locale, text),
  app.resend_pool_invitation(uuid, text),
  app.withdraw_pool_invitation(uuid)
to authenticated, service_role;
