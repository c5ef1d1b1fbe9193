-- Ledger events for reviewed hours and for joining a pool: the involvement ledger records each
-- once, from the row that changed, whichever way it was changed (page, verb or seed).

create function private.hour_log_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, need_id, match_id, municipal_role)
  select case new.status when 'confirmed' then 'hours_confirmed'::public.involvement_kind
                          else 'hours_rejected'::public.involvement_kind end,
         new.municipality_id, new.organisation_id, new.reviewed_by, new.helper_id, m.need_id, new.match_id,
         -- The town's own office confirming hours is the town verifying citizens' work.
         case when o.kind = 'municipal' then 'verified'::public.involvement_role end
  from public.matches m
  join public.organisations o on o.id = new.organisation_id
  where m.id = new.match_id;
  return new;
end
$$;
comment on function private.hour_log_record() is
  'Records hours_confirmed or hours_rejected when a log is reviewed, with the reviewer as actor; verified when the reviewing organisation is the town''s own office.';

create trigger hour_logs_c_record after update of status on public.hour_logs
  for each row when (old.status = 'logged' and new.status in ('confirmed', 'rejected'))
  execute function private.hour_log_record();

create function private.membership_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, municipal_role)
  select 'pool_joined', o.municipality_id, o.id, new.person_id, new.person_id,
         case when o.kind = 'municipal' then 'co_produced'::public.involvement_role end
  from public.organisations o where o.id = new.organisation_id;
  return new;
end
$$;
comment on function private.membership_record() is
  'Records pool_joined when a person says yes to a pool (an invitation becomes active); co_produced when the pool is the town''s own office''s.';

create trigger memberships_record after update of status on public.memberships
  for each row when (new.role = 'helper' and old.status = 'invited' and new.status = 'active')
  execute function private.membership_record();
