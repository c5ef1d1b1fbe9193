-- A coordinator writes to all active helpers of the organisation's pool, or to the helpers of one of its
-- needs (those with an active match), through the same outbox: each helper gets their own mail
-- (addresses never shown to each other), their preferences respected (kind pool_message).

create function app.message_helpers(p_organisation uuid, p_need uuid, p_subject text, p_text text)
returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_org text;
  v_count integer := 0;
  v_person uuid;
begin
  if v_me is null or p_organisation is null
     or p_organisation not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  if p_need is not null and not exists (
       select 1 from public.needs n where n.id = p_need and n.organisation_id = p_organisation) then
    perform private.fail('not_allowed');
  end if;
  -- The form checks these with a message; here they only keep the table clean.
  if length(trim(coalesce(p_subject, ''))) not between 3 and 120
     or length(trim(coalesce(p_text, ''))) not between 10 and 4000 then
    raise exception 'message_helpers: subject 3-120 and text 10-4000 characters';
  end if;
  select o.name into v_org from public.organisations o where o.id = p_organisation;
  for v_person in
    select distinct ms.person_id from public.memberships ms
    where p_need is null and ms.organisation_id = p_organisation and ms.role = 'helper'
      and ms.status = 'active' and ms.person_id <> v_me
    union
    select distinct m.helper_id from public.matches m
    where p_need is not null and m.need_id = p_need and m.status = 'active' and m.helper_id <> v_me
  loop
    if private.queue_mail(v_person, 'pool_message',
                          jsonb_build_object('organisation', v_org, 'subject', trim(p_subject),
                                             'text', trim(p_text), 'path', '/pools')) is not null then
      v_count := v_count + 1;
    end if;
  end loop;
  return v_count;
end
$$;
comment on function app.message_helpers(uuid, uuid, text, text) is
  'A coordinator''s message to the active helpers of their organisation''s pool (p_need null) or to the helpers of one of its needs with an active match: one mail each, preferences respected. Returns how many mails were queued.';
revoke execute on function app.message_helpers(uuid, uuid, text, text) from public, anon;
grant execute on function app.message_helpers(uuid, uuid, text, text) to authenticated;
