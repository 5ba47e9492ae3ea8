-- 0001: the case store, its hash-chained audit log, idempotency keys,
-- per-agency register counters and document metadata.
-- Privileges: the service role may read and write the case tables, but may
-- only INSERT and SELECT audit_events (append-only; README "Audit row
-- format"). The role `discipline_service` is created by deploy/lib/mariadb.sh.

CREATE TABLE cases (
  case_id          VARCHAR(40)  NOT NULL,
  agency_code      VARCHAR(64)  NOT NULL,
  register_number  VARCHAR(64)  NOT NULL,
  state            TINYINT      NOT NULL,
  version          BIGINT       NOT NULL,
  employee_nip     CHAR(18)     NOT NULL,
  received_on      DATE         NOT NULL,
  -- The earliest open deadline, for ListCases(overdue_only).
  next_due_on      DATE         NULL,
  -- The whole asn.discipline.v1.Case, serialized.
  case_proto       LONGBLOB     NOT NULL,
  created_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at       TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (case_id),
  UNIQUE KEY uq_cases_register (agency_code, register_number),
  KEY ix_cases_agency (agency_code, case_id),
  KEY ix_cases_state (state, case_id),
  KEY ix_cases_nip (employee_nip, case_id),
  KEY ix_cases_due (next_due_on, case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE register_counters (
  agency_code  VARCHAR(64) NOT NULL,
  year         SMALLINT    NOT NULL,
  last_value   BIGINT      NOT NULL,
  PRIMARY KEY (agency_code, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE idempotency_keys (
  request_id   VARCHAR(128) NOT NULL,
  method       VARCHAR(64)  NOT NULL,
  case_id      VARCHAR(40)  NOT NULL,
  -- The serialized response first returned for this request_id.
  response     LONGBLOB     NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE audit_events (
  case_id       VARCHAR(40)  NOT NULL,
  sequence      BIGINT       NOT NULL,
  occurred_at   TIMESTAMP(6) NOT NULL,
  actor         VARCHAR(255) NOT NULL,
  action        VARCHAR(64)  NOT NULL,
  from_state    TINYINT      NOT NULL,
  to_state      TINYINT      NOT NULL,
  payload_json  LONGTEXT     NOT NULL,
  prev_hash     CHAR(64)     NOT NULL,
  hash          CHAR(64)     NOT NULL,
  PRIMARY KEY (case_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE documents (
  document_id  VARCHAR(80)  NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  size_bytes   BIGINT       NOT NULL,
  kind         TINYINT      NOT NULL,
  file_name    VARCHAR(255) NOT NULL,
  media_type   VARCHAR(127) NOT NULL,
  case_id      VARCHAR(40)  NULL,
  created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (document_id),
  KEY ix_documents_case (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, UPDATE ON cases TO discipline_service;
GRANT SELECT, INSERT, UPDATE ON register_counters TO discipline_service;
GRANT SELECT, INSERT ON idempotency_keys TO discipline_service;
GRANT SELECT, INSERT ON audit_events TO discipline_service;
GRANT SELECT, INSERT ON documents TO discipline_service;
GRANT SELECT ON schema_migrations TO discipline_service;
