-- 0006: idempotency records scoped by agency and method, with the SHA-256
-- of the canonical request. A request_id is the caller's key within its
-- agency and for one method; the same request_id with a different request is
-- refused (INVALID_ARGUMENT), never answered with another case. The stored
-- response is the case as returned to callers, without the sealed reporter.
-- The service role may only INSERT and SELECT (append-only); records older
-- than the retention (30 days, README "Idempotency") are purged by the
-- owner's event, which the service cannot call.

CREATE TABLE idempotency_records (
  scope           VARCHAR(64)  NOT NULL,
  method          VARCHAR(64)  NOT NULL,
  request_id      VARCHAR(128) NOT NULL,
  -- SHA-256 (hex) of the request without its request_id; '' for records
  -- carried over from 0001's table, which match any request.
  request_sha256  CHAR(64)     NOT NULL,
  case_id         VARCHAR(40)  NOT NULL,
  response        LONGBLOB     NOT NULL,
  created_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (scope, method, request_id),
  KEY ix_idempotency_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO idempotency_records (scope, method, request_id, request_sha256, case_id, response, created_at)
  SELECT COALESCE(c.agency_code, ''), k.method, k.request_id, '', k.case_id, k.response, k.created_at
  FROM idempotency_keys k LEFT JOIN cases c ON c.case_id = k.case_id;

DROP TABLE idempotency_keys;

GRANT SELECT, INSERT ON idempotency_records TO discipline_service;

-- Retention: a retry comes within minutes; a record is kept 30 days.
CREATE PROCEDURE purge_idempotency_records(IN retention_days INT)
  SQL SECURITY DEFINER
  DELETE FROM idempotency_records WHERE created_at < NOW(6) - INTERVAL retention_days DAY;

CREATE EVENT purge_idempotency_records_daily
  ON SCHEDULE EVERY 1 DAY
  DO CALL purge_idempotency_records(30);
