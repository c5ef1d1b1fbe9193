-- Deleting one's account (GDPR Art. 17): the person and their personal data go; what the town
-- counts stays, as anonymous rows.

-- Matches and hour logs keep their rows with no helper (public.matches.helper_id,
-- public.hour_logs.helper_id).

create function app.delete_my_account() returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_email text;
  v_match record;
  v_ended integer := 0;
begin
  if v_me is null then perform private.fail('not_allowed'); end if;
  select u.email into v_email from auth.users u where u.id = v_me for update;

  -- Every match still going ends, and its organisation's coordinators are told.
  for v_match in
    select m.id, m.organisation_id, n.title from public.matches m join public.needs n on n.id = m.need_id
    where m.helper_id = v_me and m.status in ('proposed', 'requested', 'pending_approval', 'active')
    order by m.created_at
  loop
    perform app.withdraw_match_with_reason(v_match.id, null);
    insert into private.outbox (recipient, subject, body)
    select c.email,
           case p.locale when 'en' then 'Match ended: ' || v_match.title
                         else 'Match beendet: ' || v_match.title end,
           case p.locale
             when 'en' then format(E'The person who helped with "%s" has deleted their Zeitspende account, so the match has ended. Confirmed hours stay counted; if a place is free again, the need is open again.\n', v_match.title)
             else format(E'Die Person, die bei „%s“ geholfen hat, hat ihr Zeitspende-Konto gelöscht; das Match ist damit beendet. Bestätigte Stunden bleiben gezählt; ist wieder ein Platz frei, ist der Bedarf wieder offen.\n', v_match.title)
           end
    from public.memberships ms
    join public.profiles p on p.id = ms.person_id
    join public.contact_details c on c.person_id = ms.person_id
    where ms.organisation_id = v_match.organisation_id and ms.role = 'coordinator'
      and ms.status = 'active' and ms.person_id <> v_me;
    v_ended := v_ended + 1;
  end loop;

  -- Hours nobody reviewed count for nothing and go; reviewed hours stay, without words by or about them.
  delete from public.hour_logs where helper_id = v_me and status = 'logged';
  update public.hour_logs set note = '', review_note = null
  where helper_id = v_me and (note <> '' or review_note is not null);
  -- Reasons on their matches, whoever gave them, may describe them; their suggestions are their words.
  update public.matches set end_reason = null where helper_id = v_me and end_reason is not null;
  delete from public.need_suggestions where author_id = v_me;
  -- Feedback on their matches, by anyone, may describe them: the ratings stay, the words go.
  update public.feedback set comment = ''
  where comment <> '' and match_id in (select m.id from public.matches m where m.helper_id = v_me);
  delete from private.outbox where lower(recipient) = lower(v_email);
  delete from private.sign_in_codes where lower(email) = lower(v_email);
  delete from private.rate_limits where bucket = 'code:address:' || lower(v_email);

  -- The account: profile, contact details, offer, memberships, §72a records and sessions go with
  -- it; every other reference to the person becomes null.
  delete from auth.users where id = v_me;
  return v_ended;
end
$$;
comment on function app.delete_my_account() is
  'Deletes the current person''s account: ends their open matches and tells those organisations'' coordinators, drops unreviewed hours and their suggestions, blanks their words and reviewers'' notes on reviewed hours, the reasons on their matches and feedback on their matches, drops their mails, sign-in codes and rate-limit counts, and deletes the account with everything that is theirs; matches, confirmed hours and ledger events stay without them. Returns how many matches ended.';

grant execute on function app.delete_my_account() to authenticated, service_role;
