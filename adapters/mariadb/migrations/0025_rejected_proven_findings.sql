-- 0025: the consistency report counts the decisions that rejected proven
-- findings (reference §2.5a, the superior's liability, ~ PP 94/2021 Pasal 24:
-- the official who does not punish a proven violation is himself punished;
-- such a rejection is an event to flag, not a quiet dismissal).
--   rejected_proven_on  the decision's day when the PPK rejected the
--                       recommendation although findings were proven; NULL
--                       otherwise.
-- The service writes it with the other report columns of 0008 in every
-- change's transaction. Older rows get it from the report-column backfill of
-- 0010, which this migration runs again over every row (report_columns = 0):
-- the server recomputes each row's columns from its stored case at start-up.
ALTER TABLE cases ADD COLUMN rejected_proven_on DATE NULL;
-- The report: covering, by decision day.
CREATE INDEX ix_cases_rejected_proven ON cases (rejected_proven_on, agency_code, neutrality_aspects);
UPDATE cases SET report_columns = 0;
