-- 0013: one violation, one punishment (PP 94/2021; reference §2.5a). A case
-- claims each violation it alleges, (employee, provision, day it occurred),
-- in its filing transaction; the primary key makes a second claim fail, so
-- that of two simultaneous filings of one violation exactly one is stored.
-- The key is national, not per agency: an employee transferred since is still
-- not punished twice. A case that ends without a punishment (DISMISSED,
-- TERMINATED) deletes its claims in the transaction of that change.
-- Cases filed before 0013 claim theirs once the server's backfill
-- (CaseStore::BackfillViolationClaims) has passed them: violation_claims is 1
-- on every row the service writes from now on (the default for inserts) and
-- on every older row once its claims are in.
CREATE TABLE violation_claims (
  employee_nip  CHAR(18)    NOT NULL,
  provision_id  VARCHAR(32) NOT NULL,
  occurred_on   DATE        NOT NULL,
  case_id       VARCHAR(40) NOT NULL,
  PRIMARY KEY (employee_nip, provision_id, occurred_on),
  KEY ix_violation_claims_case (case_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, DELETE ON violation_claims TO discipline_service;

ALTER TABLE cases ADD COLUMN violation_claims TINYINT NOT NULL DEFAULT 0;
ALTER TABLE cases ALTER COLUMN violation_claims SET DEFAULT 1;
-- The backfill's pages: the rows still at 0, by case_id.
CREATE INDEX ix_cases_violation_claims ON cases (violation_claims, case_id);
