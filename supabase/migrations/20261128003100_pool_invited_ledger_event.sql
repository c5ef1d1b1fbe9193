-- The involvement ledger's pool_invited: every invitation into a pool is recorded once, from the
-- invitation row itself, whichever verb wrote it (app.invite_to_pool with or without an account).
-- The address is not recorded: only the organisation, the inviter and, where the address already
-- has an account, the invited person.

create function private.pool_invitation_record() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.involvement_events (kind, municipality_id, organisation_id, actor_id, helper_id, municipal_role)
  select 'pool_invited', o.municipality_id, o.id, new.invited_by,
         (select ms.person_id from public.memberships ms where ms.id = new.membership_id),
         -- The town's own office inviting a citizen is the town reaching out: it initiated it.
         case when o.kind = 'municipal' then 'initiated'::public.involvement_role end
  from public.organisations o where o.id = new.organisation_id;
  return null;
end
$$;
comment on function private.pool_invitation_record() is
  'Records pool_invited for a new pool invitation (actor the inviter, helper the invited person where the address has an account); initiated when the pool is the town''s own office''s.';
revoke execute on function private.pool_invitation_record() from public;

create trigger pool_invitations_record after insert on public.pool_invitations
  for each row execute function private.pool_invitation_record();
