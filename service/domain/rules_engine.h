#ifndef DISCIPLINE_SERVICE_DOMAIN_RULES_ENGINE_H_
#define DISCIPLINE_SERVICE_DOMAIN_RULES_ENGINE_H_

// The law as a pure function: given the facts of one violation, the level,
// the punishments the official may choose, who may impose each, the remedy
// open against it, and the procedure facts. Thread-safe after construction
// (all methods are const); holds its rule book by value.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/domain/law_types.h"
#include "service/domain/rule_book.h"

namespace discipline::domain {

struct ViolationFacts {
  std::string provision_id;
  Impact impact = Impact::kUnspecified;
  int absence_days = 0;
  int consecutive_absence_days = 0;
  PositionKind position_kind = PositionKind::kUnspecified;
  Environment environment = Environment::kUnspecified;
  // The last punishment for a violation of the same nature; kUnspecified if
  // none.
  Punishment prior_punishment = Punishment::kUnspecified;
  CandidateStatus candidate_status = CandidateStatus::kUnspecified;
  bool employee_is_ppk = false;
};

struct SanctionOption {
  Punishment punishment = Punishment::kUnspecified;
  // kUnspecified when the facts give no position or environment.
  AuthorityRole authority = AuthorityRole::kUnspecified;
  Remedy remedy = Remedy::kUnspecified;
  std::string authority_note;
  // The article of the authority row that named the official.
  std::string authority_basis;
  // Set where `authority` decides on another official's proposal (the
  // President on the PPK's proposal).
  AuthorityRole proposed_by = AuthorityRole::kUnspecified;
};

struct Assessment {
  SanctionLevel level = SanctionLevel::kUnspecified;
  Punishment punishment = Punishment::kUnspecified;  // fixed by the rules
  std::vector<SanctionOption> options;
  ExaminationTeam examination_team = ExaminationTeam::kUnspecified;
  bool temporary_release_allowed = false;
  std::vector<std::string> legal_basis;
  Track track = Track::kDiscipline;
  std::string resolved_provision_id;
  std::string rules_version;
  std::string explanation;  // Bahasa Indonesia
};

struct ProvisionSummary {
  std::string id;
  std::string summary;
  std::string article;
  std::vector<SanctionLevel> levels;
  bool neutrality_form = false;
};

class RulesEngine {
 public:
  // Validates `book` (ValidateRuleBook) and returns FAILED_PRECONDITION when
  // it has gaps.
  static absl::StatusOr<RulesEngine> Create(RuleBook book, LegalSettings settings);

  // Errors: INVALID_ARGUMENT naming the field (provision_id, impact,
  // absence_days, consecutive_absence_days, position_kind,
  // candidate_status); NOT_FOUND for an unknown provision;
  // FAILED_PRECONDITION where the provision has no punishment at these facts.
  absl::StatusOr<Assessment> Assess(const ViolationFacts& facts) const;

  // The catalogue: PP 94 provisions in the table's order, then the SKB2022
  // forms.
  std::vector<ProvisionSummary> ListProvisions() const;

  // Whether `id` names a provision or a neutrality form of the catalogue.
  bool HasProvision(absl::string_view id) const;

  // The level a punishment belongs to. PP 94/2021 Pasal 8.
  SanctionLevel LevelOf(Punishment p) const;

  // Whether `p` is one of the options of `assessment` (used when the PPK
  // modifies a recommendation).
  static bool Permits(const Assessment& assessment, Punishment p);

  // The official for `punishment` by the authority table, or kUnspecified
  // with a note when position or environment is unknown.
  SanctionOption OptionFor(Punishment punishment, PositionKind kind, Environment env,
                           bool employee_is_ppk) const;

  const std::string& version() const { return book_.version; }
  const LegalSettings& settings() const { return settings_; }

 private:
  RulesEngine(RuleBook book, LegalSettings settings)
      : book_(std::move(book)), settings_(std::move(settings)) {}

  absl::StatusOr<Assessment> AssessProvision(const ViolationFacts& facts,
                                             const ProvisionRule& rule) const;
  absl::StatusOr<Assessment> AssessNeutrality(const ViolationFacts& facts,
                                              const NeutralityForm& form) const;
  absl::Status ApplyAttendance(const ViolationFacts& facts, Assessment& a) const;
  void ApplyRepeatOffence(Punishment prior, Assessment& a) const;
  void FillOptionsAndProcedure(const ViolationFacts& facts, Assessment& a) const;
  const LevelRule& Level(SanctionLevel level) const;
  Remedy RemedyFor(Punishment p, AuthorityRole authority) const;

  RuleBook book_;
  LegalSettings settings_;
};

// PP 94/2021 (several findings in one examination → one punishment, the
// heaviest): the heaviest of several discipline-track assessments, by level
// and then by fixed punishment. REQUIRES: at least one assessment on the
// discipline track, else NOT_FOUND.
absl::StatusOr<Assessment> HeaviestAssessment(const std::vector<Assessment>& assessments);

// The next higher official when the table's official does not exist for a
// case ("the authority passes to the next higher official").
AuthorityRole NextHigherAuthority(AuthorityRole role);

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_RULES_ENGINE_H_
