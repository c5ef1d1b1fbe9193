-- Demo data (placeholder; the full German model municipality follows).
select 1;
