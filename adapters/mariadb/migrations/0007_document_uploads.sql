-- 0007: every stored upload, for the upload quotas per case and per caller
-- (docs/security.md, "Limits"). Append-only for the service role.
CREATE TABLE document_uploads (
  document_id  VARCHAR(80)  NOT NULL,
  case_id      VARCHAR(40)  NOT NULL DEFAULT '',
  caller       VARCHAR(64)  NOT NULL,
  agency_code  VARCHAR(64)  NOT NULL,
  size_bytes   BIGINT       NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (document_id, caller),
  KEY ix_uploads_case (case_id),
  KEY ix_uploads_caller (caller, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT ON document_uploads TO discipline_service;
