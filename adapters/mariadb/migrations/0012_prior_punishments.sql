-- 0012: punishments imposed outside the service (before it was installed,
-- or by another agency), entered from the SK or read from SIMPEG/SIASN
-- (AddPriorPunishment). Kept per employee, with the case where each was
-- entered, so that the repeat-offence rule of the employee's later cases
-- counts them too (law reference §2.5a). Written in the transaction of the
-- case change that records them; never updated.
CREATE TABLE prior_punishments (
  case_id          VARCHAR(40)   NOT NULL,
  -- The position in the case's prior_punishments (0, 1, ...).
  sequence         INT           NOT NULL,
  employee_nip     CHAR(18)      NOT NULL,
  -- Punishment (the proto enum's number).
  punishment       INT           NOT NULL,
  provision_id     VARCHAR(64)   NOT NULL,
  decision_number  VARCHAR(128)  NOT NULL,
  decided_on       DATE          NOT NULL,
  effective_on     DATE          NULL,
  -- PriorSource: 1 manual, 2 SIMPEG, 3 SIASN.
  source           TINYINT       NOT NULL,
  document_id      VARCHAR(80)   NOT NULL DEFAULT '',
  recorded_at      TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (case_id, sequence),
  KEY ix_prior_nip (employee_nip, decided_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT ON prior_punishments TO discipline_service;
