-- Withdrawing from a match with an optional reason, which both sides read; the ledger's
-- match_withdrawn is written by the trigger on matches (20261128003300).

alter table public.matches
  add column end_reason text check (end_reason is null or length(end_reason) <= 500);
comment on column public.matches.end_reason is 'Why the match was withdrawn, in the words of whoever withdrew it; whoever reads the match reads it (the helper, the organisation, the town that governs it).';

-- Around the landed verb (append-only migrations), under its own name so each function is
-- defined once: the checks and the reopening of the need stay in app.withdraw_match(uuid); this
-- adds the reason.
create function app.withdraw_match_with_reason(p_match uuid, p_reason text) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if length(p_reason) > 500 then perform private.fail('reason_too_long'); end if;
  -- The ledger's match_withdrawn is written by private.match_end_record() on app.withdraw_match's update.
  perform app.withdraw_match(p_match);
  update public.matches set end_reason = nullif(btrim(p_reason), '') where id = p_match;
end
$$;
comment on function app.withdraw_match_with_reason(uuid, text) is
  'Withdraws from a pending or active match as app.withdraw_match(uuid) does and keeps the optional reason (reason_too_long over 500 characters); match_withdrawn goes into the ledger through the trigger on matches.';

grant execute on function app.withdraw_match_with_reason(uuid, text) to authenticated, service_role;

-- People withdraw through app.withdraw_match_with_reason only, so every withdrawal is in the ledger; the verb
-- itself still runs the one-argument version as its owner.
revoke execute on function app.withdraw_match(uuid) from authenticated;
