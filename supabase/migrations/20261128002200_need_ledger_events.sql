-- A need's own history in the involvement ledger: posted, cancelled and completed, each written
-- once by the database when a person (or a verb acting for one) changes the need's status, so no
-- page can forget it. The town's approvals are written by app.approve_need / app.send_back_need.

-- Security definer: people may read the ledger but never write it. It writes only for a person
-- (claims present): the seed and system jobs write their own history.
create function private.need_record_events() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
  v_kind public.involvement_kind;
  v_role public.involvement_role;
begin
  if v_actor is null then
    return null;
  end if;
  if new.status in ('pending_approval', 'open') and (tg_op = 'INSERT' or old.status = 'draft') then
    -- Posted: the first time it leaves draft (a need sent back and posted again was posted once).
    v_kind := 'need_posted';
    v_role := case when (select o.kind from public.organisations o where o.id = new.organisation_id) = 'municipal'
                   then 'initiated'::public.involvement_role end;
  elsif tg_op = 'UPDATE' and new.status = 'cancelled' and old.status <> 'cancelled'
        -- A draft that was never posted leaves no trace in the ledger.
        and (old.status <> 'draft' or exists (select 1 from public.involvement_events e
                                               where e.need_id = new.id and e.kind = 'need_posted')) then
    v_kind := 'need_cancelled';
    v_role := private.match_involvement(new);
  elsif tg_op = 'UPDATE' and new.status = 'completed' and old.status <> 'completed' then
    v_kind := 'need_completed';
    v_role := private.match_involvement(new);
  else
    return null;
  end if;
  if exists (select 1 from public.involvement_events e where e.need_id = new.id and e.kind = v_kind) then
    return null;
  end if;
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, need_id, municipal_role)
  values (v_kind, new.municipality_id, new.organisation_id, v_actor, new.id, v_role);
  return null;
end
$$;
comment on function private.need_record_events() is
  'Writes need_posted (the first time a need leaves draft; initiated when a municipal office posts it), need_cancelled (unless it was a draft never posted) and need_completed (initiated for a municipal office''s need, informed when the town approved it), each once per need and only when a person acts.';
revoke execute on function private.need_record_events() from public;

create trigger needs_z_record_events after insert or update of status on public.needs
  for each row execute function private.need_record_events();
