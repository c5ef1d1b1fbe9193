-- Pool notes: indexes covering both foreign keys (Supabase's advisor), so deleting a membership
-- or an account finds its notes by index.

create index pool_notes_membership_organisation_idx on public.pool_notes (membership_id, organisation_id);
create index pool_notes_updated_by_idx on public.pool_notes (updated_by);
