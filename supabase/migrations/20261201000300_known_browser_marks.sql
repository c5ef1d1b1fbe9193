-- Known-browser marks, kept by the server so they can be revoked and counted
-- (src/lib/server/auth/known-browser.ts, email-code.ts).
--
-- A sign-in marks its browser with a signed cookie that carries a random id; a browser holding a
-- live mark for the address asking is spared the sign-in caps counted over all clients. Before,
-- the mark was a bearer value checked only by its signature: nothing limited how many clients used
-- one, and it outlived signing out and "sign out everywhere". Now a mark counts only while its row
-- here lives: signing out of the browser deletes its row, "sign out everywhere" and deleting the
-- account delete all of the person's, and housekeeping deletes expired ones. A code asked for
-- under a live mark records the mark's hash, so what the mark spares is counted per mark over all
-- clients: a copied mark used from many clients spares at most what one client may spend.
-- Marks issued before this migration have another shape and no row: they count no more (such a
-- browser is spared again after its next sign-in).

-- ---------------------------------------------------------------------------------------------
-- The marks
-- ---------------------------------------------------------------------------------------------
create table private.known_browser_marks (
  id_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  expires_at timestamptz not null
);
-- "Sign out everywhere" deletes a person's marks; deleting the account cascades.
create index known_browser_marks_user_idx on private.known_browser_marks (user_id);
comment on table private.known_browser_marks is
  'Browsers a person has signed in with (the known-browser cookie): only a hash of each mark''s random id, whose person, when it was made and last used, and when it expires. A mark spares its browser the sign-in caps over all clients only while its row is here.';
comment on column private.known_browser_marks.id_hash is
  'SHA-256 of the random id inside the signed cookie; the id itself is never stored.';
comment on column private.known_browser_marks.last_used_at is
  'When the mark was last looked at by a code request or a code check for its address.';
alter table private.known_browser_marks enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Codes record the mark they were asked for under
-- ---------------------------------------------------------------------------------------------
alter table private.sign_in_codes add column known_browser_hash text;
comment on column private.sign_in_codes.known_browser_hash is
  'The hash of the live known-browser mark the code was asked for under (private.known_browser_marks.id_hash), or null: the mark''s codes and wrong codes are counted over all clients, and only the mark''s own codes are spared the caps over all clients.';

-- ---------------------------------------------------------------------------------------------
-- Housekeeping: expired marks go too
-- ---------------------------------------------------------------------------------------------
create or replace function private.run_housekeeping(p_now timestamptz) returns jsonb
language plpgsql set search_path = ''
as $$
declare
  v_codes int;
  v_sessions int;
  v_requests int;
  v_marks int;
begin
  delete from private.sign_in_codes c where c.created_at < p_now - interval '2 days';
  get diagnostics v_codes = row_count;
  delete from private.sessions s
   where s.expires_at < p_now - interval '1 day' or s.revoked_at < p_now - interval '1 day';
  get diagnostics v_sessions = row_count;
  delete from private.client_requests r where r.created_at < p_now - interval '90 days';
  get diagnostics v_requests = row_count;
  -- Nothing reads an expired mark.
  delete from private.known_browser_marks k where k.expires_at < p_now;
  get diagnostics v_marks = row_count;
  return jsonb_build_object('signInCodes', v_codes, 'sessions', v_sessions,
                            'clientRequests', v_requests, 'knownBrowserMarks', v_marks);
end
$$;
comment on function private.run_housekeeping(timestamptz) is
  'Deletes sign-in codes two days old, sessions a day after their end, offline request keys 90 days old and expired known-browser marks; returns how many of each.';
revoke execute on function private.run_housekeeping(timestamptz) from public, anon, authenticated;
