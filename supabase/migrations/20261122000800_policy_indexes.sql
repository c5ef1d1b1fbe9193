-- An index under every column a policy reads: the one still missing.

-- "Municipal coordinators read the hour logs of their municipality"
create index hour_logs_municipality_idx on public.hour_logs (municipality_id, status);
