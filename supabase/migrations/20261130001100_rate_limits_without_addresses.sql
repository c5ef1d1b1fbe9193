-- Sign-in rate limits name the client only by a keyed hash (HMAC of its IPv4 address or IPv6 /64
-- with a key derived from AUTH_SECRET, as private.sign_in_codes.client_hash does): the server now
-- writes `code:ip:<64 hex digits>` (src/lib/server/auth/email-code.ts). The buckets written before
-- carry the client's address in clear; they are deleted here (least data). Their hourly windows
-- are over or nearly so: at worst a client gets one more hour's allowance once.
delete from private.rate_limits
 where bucket like 'code:ip:%' and bucket !~ '^code:ip:[0-9a-f]{64}$';

comment on table private.rate_limits is
  'Request counts per bucket and time window for sign-in requests; a client is named only by a keyed hash of its address (code:ip:<hmac>).';
