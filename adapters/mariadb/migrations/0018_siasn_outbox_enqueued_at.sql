-- 0018: when a SIASN record entered the outbox (set again when a later
-- record of the case replaces it), so that GET /metrics can tell how long
-- the oldest pending record has waited; updated_at moves at every attempt.
ALTER TABLE siasn_outbox ADD COLUMN enqueued_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6);
UPDATE siasn_outbox SET enqueued_at = updated_at;
