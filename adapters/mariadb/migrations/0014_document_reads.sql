-- 0014: the reads of documents uploaded without a case (README, "Who reads a
-- document"). A case's document's reads are events on the case's audit
-- chain; a document without a case has no chain, so its reads are kept
-- here: who read which document when (UU 27/2022, the trail of who viewed a
-- disciplinary file). Append-only for the service role.
CREATE TABLE document_reads (
  read_id      BIGINT       NOT NULL AUTO_INCREMENT,
  document_id  VARCHAR(80)  NOT NULL,
  agency_code  VARCHAR(64)  NOT NULL,
  kind         INT          NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  actor        VARCHAR(255) NOT NULL,
  read_at      TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (read_id),
  KEY ix_document_reads_document (document_id, read_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT ON document_reads TO discipline_service;
