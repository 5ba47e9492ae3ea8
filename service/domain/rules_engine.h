#ifndef DISCIPLINE_SERVICE_DOMAIN_RULES_ENGINE_H_
#define DISCIPLINE_SERVICE_DOMAIN_RULES_ENGINE_H_

// The law as a pure function: given the facts of one violation, the level,
// the punishments the official may choose, who may impose each, the remedy
// open against it, and the procedure facts. Thread-safe after construction
// (all methods are const); holds its rule book by value.

#include <optional>
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
  // The last punishment in force for a violation of the same nature;
  // kUnspecified if none. Which one is "the last in force" is the caller's
  // choice (the case's prior punishments).
  Punishment prior_punishment = Punishment::kUnspecified;
  CandidateStatus candidate_status = CandidateStatus::kUnspecified;
  bool employee_is_ppk = false;
  // kUnspecified: assessed as a PNS.
  EmployeeType employee_type = EmployeeType::kUnspecified;
  // The day the punishment is assessed for (the decision's, or the
  // recommendation's). Chooses between the tukin cut and its substitutes;
  // required only where the rules table names a date for the tukin cut.
  std::optional<absl::CivilDay> on_date;
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
  // Fixed by the rules (attendance), or recommended on a repeat offence (the
  // next type heavier than the last punishment; `options` then holds every
  // heavier type); kUnspecified where the official chooses within the level.
  Punishment punishment = Punishment::kUnspecified;
  std::vector<SanctionOption> options;
  ExaminationTeam examination_team = ExaminationTeam::kUnspecified;
  bool temporary_release_allowed = false;
  std::vector<std::string> legal_basis;
  Track track = Track::kDiscipline;
  std::string resolved_provision_id;
  std::string rules_version;
  std::string explanation;  // Bahasa Indonesia
  // Consequences beyond the punishment (a CPNS dismissed as CPNS), Bahasa
  // Indonesia, each with its basis.
  std::vector<std::string> consequences;
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
  // candidate_status, prior_punishment, employee_type, on_date); NOT_FOUND
  // for an unknown provision; FAILED_PRECONDITION where the provision has no
  // punishment at these facts, or none the law lets this service impose on
  // the employee's type (a PPPK's berat: termination of the work agreement).
  absl::StatusOr<Assessment> Assess(const ViolationFacts& facts) const;

  // Whether `p` may be imposed on `on`: the tukin cut only from the table's
  // date, its substitutes only before it. FAILED_PRECONDITION naming the
  // type that applies instead.
  absl::Status CheckInForce(Punishment p, absl::CivilDay on) const;

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
  SanctionOption OptionFor(Punishment punishment, PositionKind kind, Environment env, bool employee_is_ppk) const;

  const std::string& version() const { return book_.version; }
  const LegalSettings& settings() const { return settings_; }

 private:
  RulesEngine(RuleBook book, LegalSettings settings) : book_(std::move(book)), settings_(std::move(settings)) {}

  absl::StatusOr<Assessment> AssessProvision(const ViolationFacts& facts, const ProvisionRule& rule) const;
  absl::StatusOr<Assessment> AssessNeutrality(const ViolationFacts& facts, const NeutralityForm& form) const;
  absl::Status ApplyAttendance(const ViolationFacts& facts, bool tukin, Assessment& a) const;
  std::vector<Punishment> ApplyRepeatOffence(Punishment prior, bool tukin, Assessment& a) const;
  absl::Status ApplyEmployeeType(const ViolationFacts& facts, std::vector<Punishment>& choices, Assessment& a) const;
  void FillOptionsAndProcedure(const ViolationFacts& facts, const std::vector<Punishment>& choices,
                               Assessment& a) const;
  // Whether the tukin cut (true) or its substitutes (false) are imposed on
  // `on`; INVALID_ARGUMENT on_date when the table has a date and `on` is
  // unset.
  absl::StatusOr<bool> TukinInForce(const std::optional<absl::CivilDay>& on) const;
  // Whether `p` is imposed at all in that regime.
  bool Offered(Punishment p, bool tukin) const;
  // `p` as imposed in that regime: a tukin cut becomes its substitute before
  // the table's date, a substitute its tukin cut from it.
  Punishment AsImposed(Punishment p, bool tukin) const;
  std::vector<Punishment> OfferedOfLevel(SanctionLevel level, bool tukin) const;
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
