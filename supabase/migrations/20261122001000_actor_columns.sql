-- Who confirmed hours and who inspected are facts about the person acting, not input:
-- when a person writes these rows, the database fills them from auth.uid().

-- ---------------------------------------------------------------------------------------------
-- Hour logs: a review records its reviewer
-- ---------------------------------------------------------------------------------------------
-- Security invoker on purpose: it must see which role the statement runs as.
create function private.hour_log_stamp_reviewer() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user::text in ('authenticated', 'anon') then
    if new.status is distinct from old.status or new.reviewed_by is distinct from old.reviewed_by then
      new.reviewed_by := (select auth.uid());
      new.reviewed_at := now();
    end if;
  end if;
  return new;
end
$$;
comment on function private.hour_log_stamp_reviewer() is 'Sets reviewed_by/reviewed_at to the person who changes a log''s review, whatever they sent.';
revoke execute on function private.hour_log_stamp_reviewer() from public;

create trigger hour_logs_stamp_reviewer before update on public.hour_logs
  for each row execute function private.hour_log_stamp_reviewer();

-- ---------------------------------------------------------------------------------------------
-- §72a inspections: a record names the person who recorded it
-- ---------------------------------------------------------------------------------------------
create function private.inspection_stamp_inspector() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user::text in ('authenticated', 'anon') then
    new.inspected_by := (select auth.uid());
  end if;
  return new;
end
$$;
comment on function private.inspection_stamp_inspector() is 'Sets inspected_by to the person who records or changes an inspection, whatever they sent.';
revoke execute on function private.inspection_stamp_inspector() from public;

create trigger inspections_72a_stamp_inspector before insert or update on public.inspections_72a
  for each row execute function private.inspection_stamp_inspector();
