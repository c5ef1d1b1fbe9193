-- Sign-in codes bound to the browser that asked for them (issue #11, item 6).
-- A code now belongs to one e-mail address AND one browser: the server sets a signed
-- pre-sign-in cookie when the code is requested and stores a keyed hash of it with the code, so
-- the code verifies only from that browser. A stranger who asks for a code for the same address
-- gets a code bound to the stranger's own browser: it neither replaces nor uses up the person's
-- own code or limit. The limits (per browser, per address, the daily cap on wrong codes) and the
-- growing waits after wrong codes are counted from these rows, so deleting an account's codes
-- (app.delete_my_account) also deletes its counts, and the personal data export lists them.

alter table private.sign_in_codes
  add column binding_hash text,
  add column last_failed_at timestamptz;

comment on column private.sign_in_codes.binding_hash is
  'Keyed hash of the pre-sign-in cookie of the browser that asked for the code; the code verifies only from that browser. Null on codes from before the binding (they no longer verify).';
comment on column private.sign_in_codes.last_failed_at is
  'When a wrong code was last entered against this code: the growing wait per browser starts from it.';
comment on table private.sign_in_codes is
  'Six-digit codes, stored only as keyed hashes and bound to the browser that asked; valid ten minutes, five attempts.';

create index sign_in_codes_binding_idx on private.sign_in_codes (email, binding_hash, created_at desc);
