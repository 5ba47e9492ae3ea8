-- 0002: the case row remembers the head of its audit chain (the hash of its
-- last event and how many there are), so that a deleted tail event is seen,
-- and the digest of the stored case, which the last event also records.
ALTER TABLE cases
  ADD COLUMN audit_head CHAR(64) NOT NULL DEFAULT '',
  ADD COLUMN audit_count BIGINT NOT NULL DEFAULT 0;

-- The first response to a request_id is recorded in the same transaction as
-- the change it answers.
GRANT UPDATE ON idempotency_keys TO discipline_service;
