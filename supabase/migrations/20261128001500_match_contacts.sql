-- Contacts of a match, both ways and only while it is active: the helper reaches the
-- organisation's coordinators, the coordinators reach the helper.

-- Security definer: a helper may not read coordinators' contact rows in general (the contact
-- policy opens them to nobody but the person and, for helpers, their active matches'
-- coordinators); this function opens exactly the other side of one active match.
create function app.match_contacts(p_match uuid)
returns table (side text, display_name text, email text, phone text)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_match public.matches;
begin
  select * into v_match from public.matches m where m.id = p_match and m.status = 'active';
  if v_me is null or v_match.id is null then
    return;
  end if;
  if v_match.helper_id = v_me then
    return query
      select 'organisation'::text, o.name, o.contact_email, o.contact_phone
      from public.organisations o
      where o.id = v_match.organisation_id and (o.contact_email is not null or o.contact_phone is not null);
    return query
      select 'coordinator'::text, p.display_name, c.email, c.phone
      from public.memberships ms
      join public.profiles p on p.id = ms.person_id
      join public.contact_details c on c.person_id = ms.person_id
      where ms.organisation_id = v_match.organisation_id and ms.role = 'coordinator'
        and ms.status = 'active' and ms.person_id <> v_me
      order by p.display_name;
  elsif v_match.organisation_id in (select private.coordinated_organisation_ids()) then
    return query
      select 'helper'::text, p.display_name, c.email, c.phone
      from public.profiles p
      join public.contact_details c on c.person_id = p.id
      where p.id = v_match.helper_id;
  end if;
end
$$;
comment on function app.match_contacts(uuid) is
  'The other side of an active match: for its helper the organisation''s contact and active coordinators, for the organisation''s coordinators the helper. Nothing for anyone else or once the match is no longer active.';

grant execute on function app.match_contacts(uuid) to authenticated, service_role;
