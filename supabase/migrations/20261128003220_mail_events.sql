-- The mails people wait for, written by triggers on the rows whose change they report — so in the
-- same transaction as the step, whichever verb takes it (no mail for a step that rolled back, no
-- step without its mail). Only steps a person takes write them (auth.uid() set): the demo seed and
-- system jobs change rows without telling anyone.
--
-- What a mail may say: the need's title, the organisation, a reason, the path where the recipient
-- acts — never the people helped; a helper's or coordinator's contact details only in the mail that
-- a match is active. The actor is never told of their own step. private.queue_mail honours each
-- recipient's preferences.

-- ---------------------------------------------------------------------------------------------
-- Recipients
-- ---------------------------------------------------------------------------------------------
create function private.mail_organisation_coordinators(p_organisation uuid, p_except uuid)
returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select ms.person_id from public.memberships ms
  where ms.organisation_id = p_organisation and ms.role = 'coordinator' and ms.status = 'active'
    and ms.person_id is distinct from p_except
$$;
comment on function private.mail_organisation_coordinators(uuid, uuid) is
  'The active coordinators of an organisation, but not the given person (the actor).';

create function private.mail_town_coordinators(p_municipality uuid, p_except uuid)
returns table (person_id uuid, organisation_id uuid)
language sql stable security definer set search_path = ''
as $$
  -- One mail per person, with the first of their municipal organisations for the link.
  select distinct on (ms.person_id) ms.person_id, o.id
  from public.memberships ms join public.organisations o on o.id = ms.organisation_id
  where o.municipality_id = p_municipality and o.kind = 'municipal'
    and ms.role = 'coordinator' and ms.status = 'active' and ms.person_id is distinct from p_except
  order by ms.person_id, o.name, o.id
$$;
comment on function private.mail_town_coordinators(uuid, uuid) is
  'The active coordinators of a municipality''s municipal organisations (who approve), each with one of those organisations, but not the actor.';

revoke execute on function private.mail_organisation_coordinators(uuid, uuid) from public, anon, authenticated;
revoke execute on function private.mail_town_coordinators(uuid, uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Matches: proposal, "I can help", answers, approval waiting, active, ended
-- ---------------------------------------------------------------------------------------------
create function private.mail_match_events() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_need public.needs;
  v_title text;
  v_org text;
  v_coordinators text;
  v_base jsonb;
  v_contact record;
  r record;
begin
  if v_actor is null or (tg_op = 'UPDATE' and new.status = old.status) then return null; end if;
  select * into v_need from public.needs n where n.id = new.need_id;
  select o.name into v_org from public.organisations o where o.id = new.organisation_id;
  v_title := v_need.title;
  v_base := jsonb_build_object('title', v_title, 'organisation', v_org);
  v_coordinators := '/coordinator/' || new.organisation_id || '/matches';

  if tg_op = 'INSERT' and new.status = 'proposed' then
    perform private.queue_mail(new.helper_id, 'proposal', v_base || '{"path": "/matches"}');
  elsif tg_op = 'INSERT' and new.status = 'requested' then
    perform private.queue_mail(c, 'help_offered', v_base || jsonb_build_object('path', v_coordinators))
    from private.mail_organisation_coordinators(new.organisation_id, v_actor) c;
  end if;

  -- The helper answered a proposal.
  if tg_op = 'UPDATE' and old.status = 'proposed' and v_actor = new.helper_id then
    perform private.queue_mail(c, 'proposal_answered',
                               v_base || jsonb_build_object('path', v_coordinators,
                                                            'accepted', new.status in ('pending_approval', 'active')))
    from private.mail_organisation_coordinators(new.organisation_id, v_actor) c;
  end if;

  -- accept_match passes through pending_approval on its way to active where no approval is needed.
  if new.status = 'pending_approval' and private.match_needs_approval(v_need) then
    for r in select * from private.mail_town_coordinators(new.municipality_id, v_actor) loop
      perform private.queue_mail(r.person_id, 'approvals_waiting',
                                 v_base || jsonb_build_object('what', 'match',
                                   'path', '/coordinator/' || r.organisation_id || '/approvals'));
    end loop;
  elsif new.status = 'active' then
    -- The contact person: the coordinator who proposed, else the organisation's own address.
    select coalesce(nullif(p.display_name, ''), v_org) as name, c.email into v_contact
    from public.contact_details c join public.profiles p on p.id = c.person_id
    where c.person_id = new.proposed_by
      and c.person_id in (select private.mail_organisation_coordinators(new.organisation_id, null));
    if v_contact.email is null then
      select v_org as name, o.contact_email as email into v_contact
      from public.organisations o where o.id = new.organisation_id;
    end if;
    perform private.queue_mail(new.helper_id, 'match_active',
                               v_base || jsonb_build_object('path', '/matches',
                                 'contact_name', v_contact.name, 'contact_email', v_contact.email));
  elsif tg_op = 'UPDATE' and new.status in ('completed', 'withdrawn', 'declined')
        and old.status in ('requested', 'pending_approval', 'active') and v_actor <> new.helper_id then
    -- Without the reason: words about a match may be about the people helped.
    perform private.queue_mail(new.helper_id, 'match_ended', v_base || '{"path": "/matches"}');
  end if;
  return null;
end
$$;
comment on function private.mail_match_events() is
  'Queues the mails of a match step: the helper hears of a proposal, the match becoming active (with the contact person) and its end by someone else; the coordinators of "I can help" and of the helper''s answer; the town''s coordinators of a match waiting for approval.';
revoke execute on function private.mail_match_events() from public, anon, authenticated;

create trigger matches_mail_events after insert or update of status on public.matches
  for each row execute function private.mail_match_events();

-- ---------------------------------------------------------------------------------------------
-- Needs: waiting for the town, approved, sent back
-- ---------------------------------------------------------------------------------------------
create function private.mail_need_events() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_path text := '/coordinator/' || new.organisation_id || '/needs/' || new.id;
  r record;
begin
  if v_actor is null or (tg_op = 'UPDATE' and new.status = old.status) then return null; end if;
  if new.status = 'pending_approval' then
    for r in select * from private.mail_town_coordinators(new.municipality_id, v_actor) loop
      perform private.queue_mail(r.person_id, 'approvals_waiting',
                                 jsonb_build_object('what', 'need', 'title', new.title,
                                   'path', '/coordinator/' || r.organisation_id || '/approvals'));
    end loop;
  elsif tg_op = 'UPDATE' and old.status = 'pending_approval' and new.status = 'open' then
    perform private.queue_mail(c, 'need_decided',
                               jsonb_build_object('title', new.title, 'approved', true, 'path', v_path))
    from private.mail_organisation_coordinators(new.organisation_id, v_actor) c;
  elsif tg_op = 'UPDATE' and old.status = 'pending_approval' and new.status = 'draft'
        and new.sent_back_at is not null then
    perform private.queue_mail(c, 'need_decided',
                               jsonb_build_object('title', new.title, 'approved', false,
                                                  'reason', new.sent_back_reason, 'path', v_path))
    from private.mail_organisation_coordinators(new.organisation_id, v_actor) c;
  end if;
  return null;
end
$$;
comment on function private.mail_need_events() is
  'Queues the mails of a need step: the town''s coordinators hear of a need waiting for approval, the organisation''s coordinators of its approval or return (with the reason).';
revoke execute on function private.mail_need_events() from public, anon, authenticated;

create trigger needs_mail_events after insert or update of status on public.needs
  for each row execute function private.mail_need_events();

-- ---------------------------------------------------------------------------------------------
-- Hours: waiting for review (digest by default), confirmed or rejected
-- ---------------------------------------------------------------------------------------------
create function private.mail_hour_events() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_payload jsonb;
begin
  if v_actor is null or (tg_op = 'UPDATE' and new.status = old.status) then return null; end if;
  select jsonb_build_object('title', n.title, 'hours', new.hours, 'worked_on', new.worked_on)
  into v_payload
  from public.matches m join public.needs n on n.id = m.need_id where m.id = new.match_id;
  if tg_op = 'INSERT' and new.status = 'logged' then
    perform private.queue_mail(c, 'hours_to_review',
                               v_payload || jsonb_build_object('path', '/coordinator/' || new.organisation_id || '/hours'))
    from private.mail_organisation_coordinators(new.organisation_id, v_actor) c;
  elsif tg_op = 'UPDATE' and old.status = 'logged' and new.status in ('confirmed', 'rejected') then
    perform private.queue_mail(new.helper_id, 'hours_reviewed',
                               v_payload || jsonb_build_object('path', '/hours',
                                 'confirmed', new.status = 'confirmed', 'reason', new.review_note));
  end if;
  return null;
end
$$;
comment on function private.mail_hour_events() is
  'Queues the mails of an hour log: its organisation''s coordinators hear that hours wait for review (a daily digest unless they chose otherwise), the helper that they were confirmed or rejected (with the reason).';
revoke execute on function private.mail_hour_events() from public, anon, authenticated;

create trigger hour_logs_mail_events after insert or update of status on public.hour_logs
  for each row execute function private.mail_hour_events();
