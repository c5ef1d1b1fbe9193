-- Private notes on pool members: one note per helper membership, read and written only by the
-- organisation's coordinators — never by the helper, never by another organisation, and never
-- about oneself. The note goes with the membership.

-- A note names its membership and organisation together (memberships_id_organisation_key), so
-- the key below checks both.

create table public.pool_notes (
  membership_id uuid primary key,
  organisation_id uuid not null,
  body text not null check (length(trim(body)) between 1 and 2000),
  updated_by uuid references public.profiles (id) on delete set null,
  updated_at timestamptz not null default now(),
  foreign key (membership_id, organisation_id)
    references public.memberships (id, organisation_id) on delete cascade
);
create index pool_notes_organisation_idx on public.pool_notes (organisation_id);
-- Both foreign keys covered (Supabase's advisor): deleting a membership or an account finds its
-- notes by index.
create index pool_notes_membership_organisation_idx on public.pool_notes (membership_id, organisation_id);
create index pool_notes_updated_by_idx on public.pool_notes (updated_by);
comment on table public.pool_notes is
  'A coordinators'' private note on a helper in their organisation''s pool; the helper never reads it.';
alter table public.pool_notes enable row level security;

grant select, delete on public.pool_notes to authenticated;
grant insert (membership_id, organisation_id, body) on public.pool_notes to authenticated;
grant update (body) on public.pool_notes to authenticated;
grant all on public.pool_notes to service_role;

-- True when the caller coordinates the note's organisation and the membership is a helper's in
-- its pool, not the caller's own. Security definer: memberships are read without their policies.
create function private.may_keep_pool_note(p_membership uuid, p_organisation uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select p_organisation in (select private.coordinated_organisation_ids())
     and exists (select 1 from public.memberships m
                 where m.id = p_membership and m.organisation_id = p_organisation
                   and m.role = 'helper' and m.person_id <> (select auth.uid()))
$$;
comment on function private.may_keep_pool_note(uuid, uuid) is
  'Whether the current person coordinates the organisation and the membership is another person''s helper membership in its pool.';
grant execute on function private.may_keep_pool_note(uuid, uuid) to authenticated, service_role;

create policy "Coordinators read their pool's notes" on public.pool_notes
  for select to authenticated
  using ((select private.may_keep_pool_note(membership_id, organisation_id)));
create policy "Coordinators write notes on their pool" on public.pool_notes
  for insert to authenticated
  with check ((select private.may_keep_pool_note(membership_id, organisation_id)));
create policy "Coordinators change their pool's notes" on public.pool_notes
  for update to authenticated
  using ((select private.may_keep_pool_note(membership_id, organisation_id)))
  with check ((select private.may_keep_pool_note(membership_id, organisation_id)));
create policy "Coordinators delete their pool's notes" on public.pool_notes
  for delete to authenticated
  using ((select private.may_keep_pool_note(membership_id, organisation_id)));

-- Who wrote it and when are stamped from the session, never taken from input.
create function private.pool_note_stamp() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end
$$;
comment on function private.pool_note_stamp() is 'Stamps a note with its writer and the time.';

create trigger pool_notes_stamp before insert or update on public.pool_notes
  for each row execute function private.pool_note_stamp();
