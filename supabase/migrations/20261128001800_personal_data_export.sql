-- Personal data export (GDPR Art. 15 and 20): everything stored about the person, as JSON.

-- Built from the catalogue, not from a list: every table of ours with a column that refers to a
-- person (a foreign key to public.profiles or auth.users) is in the export, so a table added
-- later is exported without anyone remembering to. Columns named *_by and actor_id record who
-- acted; the first other person column names whom a row is about. A row about the person (their
-- offer, their match, their hours) comes whole. A row where they only acted (reviewed someone's
-- hours, posted or approved a need, inspected someone) comes without its text and yes/no columns:
-- what they did, not what others wrote since or a §72a finding about someone else. Other people's
-- ids are blanked everywhere; token hashes are left out.
create function app.my_data() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_email text;
  v_export jsonb;
  v_rows jsonb;
  v_table record;
  v_blank text;
  v_subject text;
begin
  if v_me is null then perform private.fail('not_allowed'); end if;
  select u.email into v_email from auth.users u where u.id = v_me;
  v_export := jsonb_build_object(
    'exported_at', now(),
    'account', (select jsonb_build_object('id', u.id, 'email', u.email, 'created_at', u.created_at,
                                          'last_sign_in_at', u.last_sign_in_at,
                                          'raw_user_meta_data', u.raw_user_meta_data)
                from auth.users u where u.id = v_me));

  for v_table in
    select n.nspname as schema_name, cl.relname as table_name, cl.oid as table_oid,
           array_agg(a.attname::text order by a.attnum) as person_columns
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and cardinality(c.conkey) = 1
      and c.confrelid in ('public.profiles'::regclass, 'auth.users'::regclass)
      and n.nspname in ('public', 'private')
    group by n.nspname, cl.relname, cl.oid
    order by n.nspname, cl.relname
  loop
    v_subject := (select col from unnest(v_table.person_columns) col
                  where col not like '%\_by' and col <> 'actor_id' limit 1);
    -- Each person column keeps its value only where it is the person.
    select string_agg(format('%L, case when t.%I = $1 then t.%I end', col, col, col), ', ')
      into v_blank from unnest(v_table.person_columns) col;
    execute format(
      'select coalesce(jsonb_agg(
                (case when %1$s then to_jsonb(t) - $3::text[] else to_jsonb(t) - $2::text[] end)
                || jsonb_build_object(%2$s)), ''[]''::jsonb)
       from %3$I.%4$I t where $1 in (%5$s)',
      case when v_subject is null then 'false'::text else format('t.%I = $1', v_subject) end, v_blank, v_table.schema_name, v_table.table_name,
      (select string_agg(format('t.%I', col), ', ') from unnest(v_table.person_columns) col))
      into v_rows
      using v_me,
            (select coalesce(array_agg(a.attname::text), '{}') from pg_attribute a
             where a.attrelid = v_table.table_oid and a.attnum > 0 and not a.attisdropped
               and (a.atttypid in ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype, 'bool'::regtype)
                    or a.attname like '%hash%')),
            (select coalesce(array_agg(a.attname::text), '{}') from pg_attribute a
             where a.attrelid = v_table.table_oid and a.attnum > 0 and not a.attisdropped
               and a.attname like '%hash%');
    v_export := v_export || jsonb_build_object(v_table.schema_name || '.' || v_table.table_name, v_rows);
  end loop;

  -- What others wrote about the person's matches, without who wrote it.
  v_export := v_export || jsonb_build_object('feedback_on_my_matches',
    (select coalesce(jsonb_agg(to_jsonb(f) - 'author_id' order by f.created_at), '[]'::jsonb)
     from public.feedback f join public.matches m on m.id = f.match_id
     where m.helper_id = v_me and f.author_id is distinct from v_me));
  -- Sign-in by the person's address: codes (without their hashes) and request counts.
  v_export := v_export || jsonb_build_object(
    'private.sign_in_codes',
    (select coalesce(jsonb_agg(to_jsonb(c) - 'code_hash' order by c.created_at), '[]'::jsonb)
     from private.sign_in_codes c where lower(c.email) = lower(v_email)),
    'private.rate_limits',
    (select coalesce(jsonb_agg(to_jsonb(r) order by r.window_start), '[]'::jsonb)
     from private.rate_limits r where r.bucket = 'code:address:' || lower(v_email)));
  -- Mails waiting for or sent to the person's address.
  v_export := v_export || jsonb_build_object('private.outbox',
    (select coalesce(jsonb_agg(jsonb_build_object('subject', o.subject, 'body', o.body,
                                                  'created_at', o.created_at, 'sent_at', o.sent_at)
                               order by o.id), '[]'::jsonb)
     from private.outbox o where lower(o.recipient) = lower(v_email)));
  return v_export;
end
$$;
comment on function app.my_data() is
  'Everything stored about the current person as JSON (GDPR Art. 15/20): their account, every row of every table that refers to them (whole where it is about them, without text where they only acted), other people''s ids blanked, feedback on their matches, their sign-in records and mails to their address.';

grant execute on function app.my_data() to authenticated, service_role;

-- What the person downloads: app.my_data with every mail to them (by account or address) whole,
-- as the outbox keeps it: an event mail is a kind and the payload its template reads, not a
-- subject and a body, so app.my_data's subject and body alone would be empty for those.
create function app.my_personal_data() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select app.my_data() || jsonb_build_object('private.outbox',
    (select coalesce(jsonb_agg(jsonb_build_object(
              'kind', o.kind, 'payload', o.payload, 'locale', o.locale,
              'subject', o.subject, 'body', o.body, 'status', o.status,
              'created_at', o.created_at, 'sent_at', o.sent_at, 'failed_at', o.failed_at)
            order by o.id), '[]'::jsonb)
     from private.outbox o
     where o.person_id = (select auth.uid())
        or lower(o.recipient) = (select lower(u.email) from auth.users u where u.id = (select auth.uid()))))
$$;
comment on function app.my_personal_data() is
  'Everything stored about the current person (app.my_data), with every mail to them whole: kind and payload of event mails, subject and body of written ones, state and times.';
revoke execute on function app.my_personal_data() from public, anon;
grant execute on function app.my_personal_data() to authenticated, service_role;
