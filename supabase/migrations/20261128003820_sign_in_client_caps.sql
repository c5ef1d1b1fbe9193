-- Sign-in limits per address AND client (issue #11: "a stranger never replaces or blocks a
-- person's own code"). The hourly sending cap per address and the daily cap on wrong codes are now
-- counted per (address, client): the client is the address that asked for the code (an IPv4
-- address, or the /64 of an IPv6 address), stored only as a keyed hash (HMAC with a key derived
-- from AUTH_SECRET), never in the clear. A stranger elsewhere can spend only their own allowance
-- for an address; a ten times higher cap over all clients stays as a backstop against guessing
-- from many clients (src/lib/server/auth/config.ts). The raw address is never stored; the hash
-- goes with its code row (deleting the account deletes both, app.delete_my_account).

alter table private.sign_in_codes add column client_hash text;

comment on column private.sign_in_codes.client_hash is
  'Keyed hash of the client (IPv4 address or IPv6 /64) that asked for the code; the sending and wrong-code caps count per address and client. Null on codes from before.';

create index sign_in_codes_client_idx on private.sign_in_codes (email, client_hash, created_at desc);
