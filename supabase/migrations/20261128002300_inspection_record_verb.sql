-- §72a: a coordinator records an inspection through one verb — the three facts, who inspected
-- (stamped from the session) and the ledger event, together. Recording again for the same helper
-- and organisation is the re-check: the record is replaced by the new facts.

create function app.record_inspection(p_organisation uuid, p_helper uuid, p_certificate_date date,
                                      p_conviction_listed boolean) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_today date := private.berlin_today();
  v_org public.organisations;
  v_id uuid;
begin
  if v_actor is null or p_organisation is null or p_helper is null
     or p_certificate_date is null or p_conviction_listed is null then
    perform private.fail('not_allowed');
  end if;
  if p_helper = v_actor then perform private.fail('own_inspection'); end if;
  -- The certificate is dated on or before the day it is inspected, which is today.
  if p_certificate_date > v_today then perform private.fail('inspection_in_future'); end if;
  if not private.may_inspect(p_organisation, p_helper) then perform private.fail('not_allowed'); end if;
  select * into v_org from public.organisations where id = p_organisation;

  insert into public.inspections_72a as i
    (helper_id, inspecting_organisation_id, inspected_by, inspected_on, certificate_date,
     conviction_listed, recheck_on)
  values (p_helper, p_organisation, v_actor, v_today, p_certificate_date, p_conviction_listed,
          (p_certificate_date + interval '5 years')::date)
  on conflict (helper_id, inspecting_organisation_id) do update
    set inspected_by = excluded.inspected_by, inspected_on = excluded.inspected_on,
        certificate_date = excluded.certificate_date, conviction_listed = excluded.conviction_listed,
        recheck_on = excluded.recheck_on
  returning i.id into v_id;

  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, municipal_role)
  values ('inspection_recorded', v_org.municipality_id, v_org.id, v_actor, p_helper,
          case when v_org.kind = 'municipal' then 'verified'::public.involvement_role end);
  return v_id;
end
$$;
comment on function app.record_inspection(uuid, uuid, date, boolean) is
  'A coordinator records, for an organisation they coordinate, that they inspected a helper''s erweitertes Führungszeugnis: its date and whether a disqualifying conviction is listed; inspected today by the caller, re-check five years after the certificate. Never of oneself (own_inspection), never a certificate dated after today (inspection_in_future), only for whom private.may_inspect allows (not_allowed). Replaces an earlier record of the same organisation (the re-check) and writes the ledger event.';
grant execute on function app.record_inspection(uuid, uuid, date, boolean) to authenticated, service_role;
