-- The derived-involvement summary tables (20261128003110) under row-level security like every
-- table of the app's schemas: no policy, so no person reads or writes them directly; the ledger's
-- trigger and the report functions (security definer, owned by the tables' owner) do.
alter table private.match_town_roles enable row level security;
alter table private.need_town_roles enable row level security;
