-- 0010: the report and filter columns of 0008 for the rows written before it.
-- Until now such a row kept 0008's defaults until its next change, so a case
-- decided before the upgrade and never changed again was missing from the
-- reports and the KASN-aspect listing. report_columns is 1 once a row's
-- columns were computed from its case_proto: every row the service writes
-- from now on (the default for inserts; updates set it), and every older row
-- once the server's backfill (CaseStore::BackfillReportColumns) has passed.
ALTER TABLE cases ADD COLUMN report_columns TINYINT NOT NULL DEFAULT 0;
ALTER TABLE cases ALTER COLUMN report_columns SET DEFAULT 1;
-- The backfill's pages: the rows still at 0, by case_id.
CREATE INDEX ix_cases_report_columns ON cases (report_columns, case_id);
