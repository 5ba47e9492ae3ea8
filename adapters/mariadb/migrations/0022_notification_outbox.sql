-- 0022: the notification outbox (e-mail, WhatsApp). A notification is
-- written here in the same transaction as the change that makes it due (the
-- summons to the employee); the dispatcher sends it and records the outcome.
--   state        1 pending, 2 sent, 3 refused (no further attempt)
--   message_id   the Message-ID, fixed when the row is written: a copy sent
--                again carries the same one
--   sending      1 while an attempt is under way (set durably before it)
--   maybe_sent   1 once an attempt handed the whole message to the relay and
--                got no answer: it may have been delivered
CREATE TABLE notification_outbox (
  notification_key VARCHAR(190)  NOT NULL,
  case_id          VARCHAR(40)   NOT NULL,
  kind             VARCHAR(32)   NOT NULL,
  channel          TINYINT       NOT NULL,
  recipient        VARCHAR(320)  NOT NULL,
  subject          VARCHAR(998)  NOT NULL,
  body             MEDIUMTEXT    NOT NULL,
  message_id       VARCHAR(255)  NOT NULL,
  state            TINYINT       NOT NULL DEFAULT 1,
  attempts         INT           NOT NULL DEFAULT 0,
  sending          TINYINT       NOT NULL DEFAULT 0,
  maybe_sent       TINYINT       NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  last_error       VARCHAR(1024) NOT NULL DEFAULT '',
  sent_at          TIMESTAMP(6)  NULL,
  enqueued_at      TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at       TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (notification_key),
  KEY ix_notification_due (state, next_attempt_at),
  KEY ix_notification_case (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, UPDATE ON notification_outbox TO discipline_service;
