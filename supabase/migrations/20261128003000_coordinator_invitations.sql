-- Coordinator invitations by e-mail: someone entitled invites an address to coordinate an
-- organisation, whether or not it has an account yet. With an account the invited coordinator
-- membership exists at once; without one the invitation waits for that address and becomes an
-- invited membership at its first sign-in, so it shows on /pools next to pool invitations. Resend
-- and withdraw; every mail is written to private.outbox in the same transaction. The same
-- pattern as pool invitations (20261128002400), in a table of its own: the pool's delivery
-- trigger turns every waiting pool invitation into a helper membership.
--
-- Who may invite into an organisation (private.may_invite_coordinators):
--   its active coordinators (fellow coordinators);
--   while it has no active coordinator (its first one, or after the last deleted their account):
--   the town's municipal coordinators for a nonprofit, a platform admin for a municipal office.
--
-- Lock order: the organisation row, then the address (advisory lock class 7202, which the
-- account trigger takes too), so an invitation and the first sign-in of its address never miss
-- each other.

-- ---------------------------------------------------------------------------------------------
-- Who may invite coordinators, and whose invitations one reads
-- ---------------------------------------------------------------------------------------------
create function private.may_invite_coordinators(p_organisation uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_kind public.organisation_kind;
  v_municipality uuid;
begin
  if (select auth.uid()) is null or p_organisation is null then return false; end if;
  if p_organisation in (select private.coordinated_organisation_ids()) then return true; end if;
  select o.kind, o.municipality_id into v_kind, v_municipality
  from public.organisations o where o.id = p_organisation;
  if v_kind is null then return false; end if;
  if exists (select 1 from public.memberships m
             where m.organisation_id = p_organisation and m.role = 'coordinator' and m.status = 'active') then
    return false;
  end if;
  return (v_kind = 'nonprofit' and v_municipality in (select private.governed_municipality_ids()))
      or (v_kind = 'municipal' and private.is_platform_admin());
end
$$;
comment on function private.may_invite_coordinators(uuid) is
  'True when the current person may invite coordinators into the organisation: one of its active coordinators, or, while it has none, a municipal coordinator of its town (nonprofits) or a platform admin (municipal offices).';
grant execute on function private.may_invite_coordinators(uuid) to authenticated, service_role;

create function private.coordinator_invitation_organisation_ids() returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  return query
    select id from private.coordinated_organisation_ids() as c (id)
    union
    select o.id from public.organisations o
    where o.kind = 'nonprofit' and o.municipality_id in (select private.governed_municipality_ids())
    union
    select o.id from public.organisations o
    where o.kind = 'municipal' and private.is_platform_admin();
end
$$;
comment on function private.coordinator_invitation_organisation_ids() is
  'Organisations whose coordinator invitations the current person reads: those they coordinate, the nonprofits of a town they govern, and (platform admins) every municipal office.';
grant execute on function private.coordinator_invitation_organisation_ids() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Invitations
-- ---------------------------------------------------------------------------------------------
create table public.coordinator_invitations (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references public.organisations (id) on delete cascade,
  email text not null check (email = lower(email) and length(email) <= 254
                             and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  -- The language of the mails while the address has no account (the inviter's choice).
  locale public.app_locale not null default 'de',
  invited_by uuid references public.profiles (id) on delete set null,
  -- Set once the address has an account: the invited coordinator membership. It goes with the
  -- membership (accepted and later removed, declined, withdrawn, account deleted).
  membership_id uuid unique references public.memberships (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_sent_at timestamptz not null default now()
);
create unique index coordinator_invitations_waiting_key
  on public.coordinator_invitations (organisation_id, email) where membership_id is null;
create index coordinator_invitations_email_idx
  on public.coordinator_invitations (email) where membership_id is null;
create index coordinator_invitations_organisation_idx on public.coordinator_invitations (organisation_id);
create index coordinator_invitations_invited_by_idx on public.coordinator_invitations (invited_by);
comment on table public.coordinator_invitations is
  'Invitations by e-mail to coordinate an organisation: waiting for an account (membership_id null) or delivered as an invited coordinator membership. Written only by the app.*_coordinator_invitation verbs.';
alter table public.coordinator_invitations enable row level security;

grant select on public.coordinator_invitations to authenticated;
grant all on public.coordinator_invitations to service_role;

create policy "Who may invite coordinators reads the invitations" on public.coordinator_invitations
  for select to authenticated
  using (organisation_id in (select private.coordinator_invitation_organisation_ids()));

-- ---------------------------------------------------------------------------------------------
-- The invitation mail
-- ---------------------------------------------------------------------------------------------
create function private.mail_coordinator_invitation(p_invitation uuid, p_origin text) returns void
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
         coalesce(nullif(inviter.display_name, ''), 'Zeitspende') as inviter
  into v
  from public.coordinator_invitations i
  join public.organisations o on o.id = i.organisation_id
  join public.municipalities mu on mu.id = o.municipality_id
  left join public.memberships ms on ms.id = i.membership_id
  left join public.profiles p on p.id = ms.person_id
  left join public.profiles inviter on inviter.id = i.invited_by
  where i.id = p_invitation;

  insert into private.outbox (recipient, subject, body)
  values (
    v.email,
    case v.locale when 'de' then 'Einladung zur Koordination: ' || v.organisation
                  else 'Invitation to coordinate ' || v.organisation end,
    case v.locale
      when 'de' then format(E'%s lädt dich ein, %s (%s) bei Zeitspende zu koordinieren.\n\nMelde dich mit dieser E-Mail-Adresse an und sag unter „Meine Pools“ zu oder ab:\n%s\n',
                         v.inviter, v.organisation, v.town, v_link)
      else format(E'%s invites you to coordinate %s (%s) on Zeitspende.\n\nSign in with this e-mail address and accept or decline under "My pools":\n%s\n',
                  v.inviter, v.organisation, v.town, v_link)
    end);
  update public.coordinator_invitations set last_sent_at = now() where id = p_invitation;
end
$$;
comment on function private.mail_coordinator_invitation(uuid, text) is
  'Writes the coordinator invitation mail to private.outbox, in the recipient''s language when the address has an account, else in the one the inviter chose, with the link to /pools under p_origin.';

-- ---------------------------------------------------------------------------------------------
-- Verbs: invite, resend, withdraw
-- ---------------------------------------------------------------------------------------------
-- The body of every coordinator invitation, for the verbs that create an organisation too.
-- Checks nothing about the caller: app.invite_coordinator and the creating verbs do.
create function private.invite_coordinator(p_organisation uuid, p_email text,
                                           p_locale public.app_locale, p_origin text)
returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_email text := lower(trim(coalesce(p_email, '')));
  v_person uuid;
  v_status public.membership_status;
  v_membership uuid;
  v_invitation uuid;
begin
  if length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    perform private.fail('email_invalid');
  end if;
  perform 1 from public.organisations where id = p_organisation for update;
  -- One of 64 locks per address, as for pool invitations (an import must not fill the lock table).
  perform pg_advisory_xact_lock(7202, hashtext(v_email) & 63);

  select u.id into v_person from auth.users u where lower(u.email) = v_email;
  if v_person is not null and v_person = v_me then perform private.fail('invite_self'); end if;

  if v_person is null then
    if exists (select 1 from public.coordinator_invitations i
               where i.organisation_id = p_organisation and i.email = v_email and i.membership_id is null) then
      perform private.fail('already_invited');
    end if;
    insert into public.coordinator_invitations (organisation_id, email, locale, invited_by)
    values (p_organisation, v_email, coalesce(p_locale, 'de'), v_me)
    returning id into v_invitation;
  else
    select m.status into v_status from public.memberships m
    where m.organisation_id = p_organisation and m.person_id = v_person and m.role = 'coordinator';
    if v_status in ('active', 'paused') then perform private.fail('already_coordinator'); end if;
    if v_status = 'invited' then perform private.fail('already_invited'); end if;
    -- A coordinator membership that ended (none is ended by the verbs, which delete) starts again.
    delete from public.memberships m
    where m.organisation_id = p_organisation and m.person_id = v_person and m.role = 'coordinator';
    insert into public.memberships (organisation_id, person_id, role, status)
    values (p_organisation, v_person, 'coordinator', 'invited')
    returning id into v_membership;
    insert into public.coordinator_invitations (organisation_id, email, locale, invited_by, membership_id)
    values (p_organisation, v_email, coalesce(p_locale, 'de'), v_me, v_membership)
    returning id into v_invitation;
  end if;
  perform private.mail_coordinator_invitation(v_invitation, p_origin);
  return v_invitation;
end
$$;
comment on function private.invite_coordinator(uuid, text, public.app_locale, text) is
  'Invites an address to coordinate the organisation and mails it (no check of the caller: the app verbs do that). Raises email_invalid, invite_self, already_coordinator, already_invited.';

create function app.invite_coordinator(p_organisation uuid, p_email text,
                                       p_locale public.app_locale default 'de', p_origin text default null)
returns uuid
language plpgsql security definer set search_path = ''
as $$
begin
  if not private.may_invite_coordinators(p_organisation) then perform private.fail('not_allowed'); end if;
  return private.invite_coordinator(p_organisation, p_email, p_locale, p_origin);
end
$$;
comment on function app.invite_coordinator(uuid, text, public.app_locale, text) is
  'Invites an e-mail address to coordinate the organisation (see private.may_invite_coordinators for who may). Raises not_allowed, email_invalid, invite_self, already_coordinator, already_invited. Returns the invitation.';

-- The invitation the caller may still act on: one they may invite for, not answered yet.
create function private.open_coordinator_invitation(p_invitation uuid) returns public.coordinator_invitations
language plpgsql security definer set search_path = ''
as $$
declare
  v public.coordinator_invitations;
begin
  select * into v from public.coordinator_invitations where id = p_invitation for update;
  if v.id is null then perform private.fail('invitation_not_found'); end if;
  if not private.may_invite_coordinators(v.organisation_id) then perform private.fail('not_allowed'); end if;
  if v.membership_id is not null and not exists (
       select 1 from public.memberships m where m.id = v.membership_id and m.status = 'invited') then
    perform private.fail('invitation_not_found');
  end if;
  return v;
end
$$;
comment on function private.open_coordinator_invitation(uuid) is
  'Locks a coordinator invitation the current person may act on and that is not answered yet; raises invitation_not_found or not_allowed.';

create function app.resend_coordinator_invitation(p_invitation uuid, p_origin text default null) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v public.coordinator_invitations := private.open_coordinator_invitation(p_invitation);
begin
  if v.last_sent_at > now() - interval '5 minutes' then
    perform private.fail('invitation_resent_recently');
  end if;
  perform private.mail_coordinator_invitation(v.id, p_origin);
end
$$;
comment on function app.resend_coordinator_invitation(uuid, text) is
  'Mails an open coordinator invitation again (at most every five minutes: invitation_resent_recently).';

create function app.withdraw_coordinator_invitation(p_invitation uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v public.coordinator_invitations := private.open_coordinator_invitation(p_invitation);
begin
  if v.membership_id is not null then
    delete from public.memberships where id = v.membership_id and status = 'invited';
  end if;
  delete from public.coordinator_invitations where id = v.id;
end
$$;
comment on function app.withdraw_coordinator_invitation(uuid) is
  'Withdraws an open coordinator invitation: the waiting invitation, or the invited membership with it, is deleted.';

-- ---------------------------------------------------------------------------------------------
-- Verbs: the invited person answers
-- ---------------------------------------------------------------------------------------------
create function app.accept_coordinator_invitation(p_organisation uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_membership uuid;
begin
  update public.memberships set status = 'active'
  where organisation_id = p_organisation and person_id = (select auth.uid())
    and role = 'coordinator' and status = 'invited'
  returning id into v_membership;
  if v_membership is null then perform private.fail('not_invited'); end if;
  return v_membership;
end
$$;
comment on function app.accept_coordinator_invitation(uuid) is
  'The current person accepts their invitation to coordinate the organisation; returns the membership. Raises not_invited unless they hold one.';

create function app.decline_coordinator_invitation(p_organisation uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_membership uuid;
begin
  -- Nothing stays: the invitation goes with the membership (on delete cascade).
  delete from public.memberships
  where organisation_id = p_organisation and person_id = (select auth.uid())
    and role = 'coordinator' and status = 'invited'
  returning id into v_membership;
  if v_membership is null then perform private.fail('not_invited'); end if;
end
$$;
comment on function app.decline_coordinator_invitation(uuid) is
  'The current person declines their invitation to coordinate the organisation: the invited membership and its invitation are deleted. Raises not_invited unless they hold one.';

-- ---------------------------------------------------------------------------------------------
-- A new account: waiting coordinator invitations for its address become invited memberships
-- ---------------------------------------------------------------------------------------------
create function private.deliver_coordinator_invitations() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v record;
  v_membership uuid;
begin
  if new.email is null then return new; end if;
  perform pg_advisory_xact_lock(7202, hashtext(lower(new.email)) & 63);
  for v in
    select i.id, i.organisation_id from public.coordinator_invitations i
    where i.email = lower(new.email) and i.membership_id is null
    order by i.created_at
  loop
    v_membership := null;
    insert into public.memberships (organisation_id, person_id, role, status)
    values (v.organisation_id, new.id, 'coordinator', 'invited')
    on conflict (organisation_id, person_id, role) do nothing
    returning id into v_membership;
    if v_membership is null then
      delete from public.coordinator_invitations where id = v.id;
    else
      update public.coordinator_invitations set membership_id = v_membership where id = v.id;
    end if;
  end loop;
  return new;
end
$$;
comment on function private.deliver_coordinator_invitations() is
  'Turns the coordinator invitations waiting for a new account''s address into invited coordinator memberships (auth.users insert, after the profile exists).';

-- Triggers of one event fire in name order: after on_auth_user_created, which makes the profile.
create trigger on_auth_user_created_coordinator_invitations
  after insert on auth.users
  for each row execute function private.deliver_coordinator_invitations();

grant execute on function
  app.invite_coordinator(uuid, text, public.app_locale, text),
  app.resend_coordinator_invitation(uuid, text),
  app.withdraw_coordinator_invitation(uuid),
  app.accept_coordinator_invitation(uuid),
  app.decline_coordinator_invitation(uuid)
to authenticated, service_role;
