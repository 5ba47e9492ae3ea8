-- 0009: the SIASN outbox. A case's hukdis record is written here in the
-- same transaction as the change that makes it due (delivery, a remedy
-- decision); the sender posts it and records the outcome. One row per case:
-- a later record replaces the earlier under a new idempotency key.
CREATE TABLE siasn_outbox (
  case_id          VARCHAR(40)   NOT NULL,
  idempotency_key  VARCHAR(128)  NOT NULL,
  payload_json     LONGTEXT      NOT NULL,
  -- SiasnExportState: 1 pending, 2 delivered, 3 refused.
  state            TINYINT       NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_error       VARCHAR(1024) NOT NULL DEFAULT '',
  siasn_id         VARCHAR(128)  NOT NULL DEFAULT '',
  exported_at      TIMESTAMP(6)  NULL,
  updated_at       TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (case_id),
  KEY ix_outbox_due (state, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, UPDATE ON siasn_outbox TO discipline_service;
