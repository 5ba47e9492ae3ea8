-- 0008: neutrality follow-through. The service keeps these columns of a case
-- row in step with its case_proto, in the change's own transaction:
--   neutrality_aspects  bit (1 << NeutralityAspect) per aspect alleged;
--   follow_up_state     FollowUpState of the Bawaslu/BKN recommendation (0: none);
--   follow_up_due_on    the ppk_follow_up due day; follow_up_done_on when done;
--   decided_on, punishment, provision_id: the punishment in force and the
--     PP 94 provision it was imposed for (the consistency report).
-- Rows written before 0008 keep the defaults until their next change.
ALTER TABLE cases
  ADD COLUMN neutrality_aspects TINYINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN follow_up_state    TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN follow_up_due_on   DATE NULL,
  ADD COLUMN follow_up_done_on  DATE NULL,
  ADD COLUMN decided_on         DATE NULL,
  ADD COLUMN punishment         TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN provision_id       VARCHAR(32) NULL;

-- The escalation timer: open follow-ups by due day.
CREATE INDEX ix_cases_follow_up_due ON cases (follow_up_state, follow_up_due_on, case_id);
-- The follow-through report: covering, by state and receipt day.
CREATE INDEX ix_cases_follow_report ON cases
  (follow_up_state, received_on, agency_code, follow_up_due_on, follow_up_done_on, neutrality_aspects);
-- The consistency report: covering, by provision and decision day.
CREATE INDEX ix_cases_consistency ON cases (provision_id, decided_on, agency_code, punishment, neutrality_aspects);

-- Background work that must run on one replica at a time (the escalation
-- timer, the SIASN sender): a lease held by one holder until it expires.
CREATE TABLE background_leases (
  name        VARCHAR(64)  NOT NULL,
  holder      VARCHAR(128) NOT NULL,
  expires_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, UPDATE ON background_leases TO discipline_service;
