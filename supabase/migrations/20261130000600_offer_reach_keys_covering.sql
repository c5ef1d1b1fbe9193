-- The reach index carries the helper, so batch planning's probes (organisation_nearby_offers)
-- read the index alone: on the bench town its 414 000 probes fetched every row from the table,
-- which took a seventh of the nearby offers' time (1.1–1.6 s → 0.9–1.0 s). The table is written
-- only when an offer's reach changes, so its pages stay all-visible between vacuums.
create index offer_reach_keys_reach_helper_idx on private.offer_reach_keys using gist (reach) include (helper_id);
drop index private.offer_reach_keys_reach_idx;
