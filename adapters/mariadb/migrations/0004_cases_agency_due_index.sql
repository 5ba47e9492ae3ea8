-- 0004: an agency's overdue cases, most overdue first, as an ordered range
-- scan (ListCases{agency_code, overdue_only}); measured with
-- bench/list_scale.sh at 1,000,000 cases: 15.6 ms without it.
CREATE INDEX ix_cases_agency_due ON cases (agency_code, next_due_on, case_id);
