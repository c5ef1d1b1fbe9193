-- Pool invitations: an index under the column the read policy reads (every invitation of an
-- organisation, delivered or waiting) and under the inviter, whom an account deletion sets null.

create index pool_invitations_organisation_idx on public.pool_invitations (organisation_id);
create index pool_invitations_invited_by_idx on public.pool_invitations (invited_by);
