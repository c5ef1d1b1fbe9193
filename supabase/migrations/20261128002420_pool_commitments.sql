-- A pool's commitments in a month: for each helper in the caller's organisation's pool, the
-- hours committed in that month over all organisations and how many matches they come from.
-- Capacity counts every organisation's matches, which a coordinator cannot read, so this runs
-- as the owner after checking who asks; it answers numbers only.

create function app.pool_commitments(p_organisation uuid, p_month date default null)
returns table (person_id uuid, committed_hours numeric, commitments integer)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_organisation is null or p_organisation not in (select private.coordinated_organisation_ids()) then
    perform private.fail('not_allowed');
  end if;
  return query
    select ms.person_id,
           coalesce(sum(c.hours), 0)::numeric,
           count(distinct c.match_id)::integer
    from public.memberships ms
    left join private.committed_months c
      on c.helper_id = ms.person_id and c.month = private.month_of(coalesce(p_month, private.berlin_today()))
    where ms.organisation_id = p_organisation and ms.role = 'helper' and ms.status in ('active', 'paused')
    group by ms.person_id;
end
$$;
comment on function app.pool_commitments(uuid, date) is
  'For a coordinator of the organisation: each active or paused helper of its pool with the hours committed in the month of p_month (default: this month, Europe/Berlin) over all organisations, and the number of those matches. Raises not_allowed for anyone else.';

grant execute on function app.pool_commitments(uuid, date) to authenticated, service_role;
