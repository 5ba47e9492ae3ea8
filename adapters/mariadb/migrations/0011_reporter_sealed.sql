-- 0011: the sealed reporter apart from the case (API contract, "Safe edges").
-- Until now case_proto held the reporter in plain text, and every audit
-- event's case_sha256 is the SHA-256 of case_proto: anybody who may read the
-- case could rebuild it with a guessed reporter and check the guess offline.
-- From now on case_proto holds a keyed commitment instead (the Case field
-- reporter_commitment), and the reporter itself is here, encrypted with
-- AES-256-GCM under a key derived from the server's reporter key file:
--   reporter_sealed  0x01 || nonce (12) || ciphertext || tag (16); NULL when
--                    the case has no reporter
--   reporter_key_id  which key sealed it (16 hex digits derived from the key,
--                    not the key); the server refuses to start with another
--   reporter_format  1 once case_proto holds no plain reporter: every row the
--                    service writes from now on, and every older row once the
--                    server's sealing step (CaseStore::SealReporters) has
--                    passed; that step appends a "SealReporter" audit event
--                    to each case whose reporter it moved, so that the chain
--                    verifies event by event (AUDIT_FORMAT.md).
ALTER TABLE cases
  ADD COLUMN reporter_sealed BLOB NULL,
  ADD COLUMN reporter_key_id CHAR(16) NULL,
  ADD COLUMN reporter_format TINYINT NOT NULL DEFAULT 0;
ALTER TABLE cases ALTER COLUMN reporter_format SET DEFAULT 1;
-- The sealing step's pages: the rows still at 0, by case_id.
CREATE INDEX ix_cases_reporter_format ON cases (reporter_format, case_id);
-- The start-up check of the key: is any reporter sealed under another key?
CREATE INDEX ix_cases_reporter_key ON cases (reporter_key_id);
