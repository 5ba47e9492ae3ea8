#ifndef DISCIPLINE_SERVICE_DOMAIN_CASE_MACHINE_H_
#define DISCIPLINE_SERVICE_DOMAIN_CASE_MACHINE_H_

// The case state machine: every command checks the state it may start from
// and the rules of PP 94/2021 that bind it, and returns the changed case
// (version, timestamps and persistence are the caller's). Pure: the rules,
// the calendar and the personnel facts come in as values.
//
//   RECEIVED ─IssueSummons(1)─► SUMMONED ─RecordExamination(attended)──► EXAMINED
//                                  │  └─RecordExamination(absent, 1st)─► SUMMONED (missed)
//                                  │       └─IssueSummons(2) ≤ 7 wd after the missed date
//                                  └─RecordExamination(absent, 2nd)────► EXAMINED (on the evidence)
//   EXAMINED ─RecommendSanction─► RECOMMENDED ─DecideSanction(approve|modify)─► DECIDED
//                                            └─DecideSanction(reject)────────► DISMISSED
//   DECIDED ─RecordDelivery─► DECIDED (effective date) ─FileRemedy─► UNDER_REMEDY ─CloseCase─► CLOSED
//   DECIDED (delivered) ─CloseCase─► CLOSED;  EXAMINED (nothing proven) ─CloseCase─► DISMISSED
//   any state before DECIDED ─CloseCase(terminated)─► TERMINATED (death, leaving service)
//
// Errors: FAILED_PRECONDITION naming the rule (illegal transition, deadline
// rule); INVALID_ARGUMENT naming the field (malformed or missing input).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/domain/calendar.h"
#include "service/domain/case.h"
#include "service/domain/rules_engine.h"

namespace discipline::domain {

// What a transition needs besides the case.
struct MachineContext {
  const RulesEngine& rules;
  const WorkingDayCalendar& calendar;
};

struct IssueSummonsCommand {
  absl::CivilDay issued_on;
  absl::CivilDay examination_on;
};

struct RecordExaminationCommand {
  absl::CivilDay examined_on;
  bool attended = false;
  std::vector<ViolationRecord> findings;
  std::string bap_document_id;
  std::vector<std::string> examiner_nips;
  std::vector<std::string> examination_team_nips;
  bool temporary_release = false;
};

struct RecommendCommand {
  absl::CivilDay recommended_on;
  // The last punishment for a violation of the same nature, per provision id
  // (from the employee's earlier decided cases); kUnspecified if none.
  std::vector<std::pair<std::string, Punishment>> prior_punishments;
};

struct DecideCommand {
  DecisionOutcome outcome = DecisionOutcome::kUnspecified;
  Punishment punishment = Punishment::kUnspecified;
  std::string decision_number;
  absl::CivilDay decided_on;
  std::string reason;
};

struct CloseCommand {
  std::string reason;
  bool terminated = false;
  absl::CivilDay closed_on;
};

absl::StatusOr<Case> IssueSummons(const MachineContext& ctx, Case c, const IssueSummonsCommand& cmd);
absl::StatusOr<Case> RecordExamination(const MachineContext& ctx, Case c, const RecordExaminationCommand& cmd);
// Assesses every proven finding and keeps the heaviest. The authority's
// person is resolved by the caller (ResolveOfficial) and set afterwards.
absl::StatusOr<Case> RecommendSanction(const MachineContext& ctx, Case c, const RecommendCommand& cmd);
absl::StatusOr<Case> DecideSanction(const MachineContext& ctx, Case c, const DecideCommand& cmd);
absl::StatusOr<Case> RecordDelivery(const MachineContext& ctx, Case c, absl::CivilDay delivered_on);
absl::StatusOr<Case> FileRemedy(const MachineContext& ctx, Case c, Remedy kind, absl::CivilDay filed_on);
absl::StatusOr<Case> CloseCase(const MachineContext& ctx, Case c, const CloseCommand& cmd);

// The official for `role`: the President, the agency's PPK, or the nearest
// superior in `chain` (nearest first) holding a post of that kind; when there
// is none, the next higher official (NextHigherAuthority), up to the PPK.
Official ResolveOfficial(AuthorityRole role, const std::vector<EmployeeSnapshot>& chain, const Agency& agency);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_CASE_MACHINE_H_
